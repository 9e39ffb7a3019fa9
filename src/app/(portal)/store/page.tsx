import { StorePage } from '../../../portal/store/pages'

export const metadata = { title: 'Store' }
export default async function Page({ searchParams }: { searchParams: Promise<{ achievement?: string }> }) {
  return <StorePage {...await searchParams} />
}
