import { RegisterThirdPartyPage } from '../../../../portal/account/pages'

export const metadata = { title: 'Register as an employer or university' }
export default async function Page({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  return <RegisterThirdPartyPage email={(await searchParams).email} />
}
