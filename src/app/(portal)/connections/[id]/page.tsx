import { ConnectionPage } from '../../../../portal/connections/pages'

export const metadata = { title: 'Connection' }
export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ notice?: string }> }) {
  return <ConnectionPage id={(await params).id} notice={(await searchParams).notice} />
}
