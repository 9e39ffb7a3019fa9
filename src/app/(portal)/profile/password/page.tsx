import { ChangePasswordPage } from '../../../../portal/profile/pages'

export const metadata = { title: 'Change password' }
export default async function Page({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  return <ChangePasswordPage done={(await searchParams).done} />
}
