import { ResetPasswordForm } from '../../../portal/account/PasswordForms'

export const metadata = { title: 'Choose a new password' }
export default async function Page({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  return <ResetPasswordForm token={(await searchParams).token ?? ''} />
}
