import { ReportProblemPage } from '../../../../../portal/enquiries/pages'

export const metadata = { title: 'Report a problem' }
export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ connection?: string }> }) {
  return <ReportProblemPage id={(await params).id} connection={(await searchParams).connection} />
}
