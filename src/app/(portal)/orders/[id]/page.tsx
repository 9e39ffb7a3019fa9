import { OrderPage } from '../../../../portal/store/pages'

export const metadata = { title: 'Order' }
export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ notice?: string; payment?: string }> }) {
  return <OrderPage id={(await params).id} {...await searchParams} />
}
