import { EnquiryPage } from '../../../../portal/enquiries/pages'

export const metadata = { title: 'Report' }
export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ sent?: string }> }) {
  return <EnquiryPage id={(await params).id} sent={(await searchParams).sent === '1'} />
}
