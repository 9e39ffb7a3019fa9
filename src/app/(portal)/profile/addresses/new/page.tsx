import { NewAddressPage } from '../../../../../portal/profile/pages'

export const metadata = { title: 'Add an address' }
export default NewAddressPage
