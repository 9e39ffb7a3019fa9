import { VerifyEmailPage } from '../../../../portal/account/pages'

export const metadata = { title: 'Confirm your email address' }
export default async function Page({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  return <VerifyEmailPage token={(await searchParams).token} />
}
