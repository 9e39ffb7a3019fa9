import { DeleteAccountPage } from '../../../../portal/profile/pages'

export const metadata = { title: 'Delete my account' }
export default DeleteAccountPage
