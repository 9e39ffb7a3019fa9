import { EnquiriesPage } from '../../../portal/enquiries/pages'

export const metadata = { title: 'My reports' }
export default EnquiriesPage
