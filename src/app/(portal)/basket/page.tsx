import { BasketPage } from '../../../portal/store/pages'

export const metadata = { title: 'Basket' }
export default async function Page({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  return <BasketPage {...await searchParams} />
}
