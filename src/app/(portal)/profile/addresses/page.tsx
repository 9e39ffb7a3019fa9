import { AddressBookPage } from '../../../../portal/profile/pages'

export const metadata = { title: 'Address book' }
export default async function Page({ searchParams }: { searchParams: Promise<{ done?: string; error?: string }> }) {
  const { done, error } = await searchParams
  return <AddressBookPage done={done} error={error} />
}
