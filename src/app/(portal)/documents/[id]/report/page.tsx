import { ReportProblemPage } from '../../../../../portal/enquiries/pages'

export const metadata = { title: 'Report a problem' }
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <ReportProblemPage id={(await params).id} />
}
