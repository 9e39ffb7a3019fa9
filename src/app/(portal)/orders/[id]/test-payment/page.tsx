import { TestPaymentPage } from '../../../../../portal/store/pages'

export const metadata = { title: 'Test payment' }
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <TestPaymentPage id={(await params).id} />
}
