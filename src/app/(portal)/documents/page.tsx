import { DocumentsPage } from '../../../portal/documents/DocumentsPage'

export const metadata = { title: 'My documents' }
export default async function Page({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  return <DocumentsPage error={(await searchParams).error} />
}
