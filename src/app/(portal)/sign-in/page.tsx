import { SignInPage } from '../../../portal/account/pages'

export const metadata = { title: 'Sign in' }
export default async function Page({ searchParams }: { searchParams: Promise<{ reset?: string }> }) {
  return <SignInPage reset={(await searchParams).reset} />
}
