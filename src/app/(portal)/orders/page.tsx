import { OrdersPage } from '../../../portal/store/pages'

export const metadata = { title: 'Orders' }
export default async function Page({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  return <OrdersPage {...await searchParams} />
}
