import { ForgotPasswordForm } from '../../../portal/account/PasswordForms'

export const metadata = { title: 'Forgot your password?' }
export default function Page() {
  return <ForgotPasswordForm />
}
