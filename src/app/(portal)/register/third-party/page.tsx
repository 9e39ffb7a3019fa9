import { RegisterThirdPartyPage } from '../../../../portal/account/pages'

export const metadata = { title: 'Register as an employer or university' }
export default RegisterThirdPartyPage
