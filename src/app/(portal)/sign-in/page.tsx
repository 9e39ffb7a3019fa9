import { SignInPage } from '../../../portal/account/pages'

export const metadata = { title: 'Sign in' }
export default SignInPage
