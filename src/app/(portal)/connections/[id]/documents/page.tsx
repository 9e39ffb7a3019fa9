import { ConnectionDocumentsPage } from '../../../../../portal/connections/pages'

export const metadata = { title: 'Share documents' }
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <ConnectionDocumentsPage id={(await params).id} />
}
