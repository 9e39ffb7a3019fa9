import { HomePage } from '../../portal/content/HomePage'
import { AccountDeletedNotice } from '../../portal/profile/pages'

export default async function Page({ searchParams }: { searchParams: Promise<{ account?: string }> }) {
  return (
    <>
      {(await searchParams).account === 'deleted' ? <AccountDeletedNotice /> : null}
      <HomePage />
    </>
  )
}
