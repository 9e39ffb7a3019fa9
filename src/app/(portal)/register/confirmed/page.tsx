import { ConfirmedPage } from '../../../../portal/account/pages'

export const metadata = { title: 'Email address confirmed' }
export default async function Page({ searchParams }: { searchParams: Promise<{ outcome?: string }> }) {
  return <ConfirmedPage outcome={(await searchParams).outcome} />
}
