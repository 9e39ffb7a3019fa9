import { CheckoutPage } from '../../../portal/store/pages'

export const metadata = { title: 'Checkout' }
export default async function Page({ searchParams }: { searchParams: Promise<{ step?: string; error?: string }> }) {
  return <CheckoutPage {...await searchParams} />
}
