import { SignInPage } from '../../../portal/account/pages'

export const metadata = { title: 'Sign in' }
export default async function Page({ searchParams }: { searchParams: Promise<{ reset?: string; next?: string }> }) {
  const { reset, next } = await searchParams
  return <SignInPage reset={reset} next={next} />
}
