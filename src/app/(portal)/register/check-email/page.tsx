import { CheckEmailPage } from '../../../../portal/account/pages'

export const metadata = { title: 'Check your email' }
export default async function Page({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  return <CheckEmailPage email={(await searchParams).email} />
}
