import { NewConnectionPage } from '../../../../portal/connections/pages'

export const metadata = { title: 'Add connection' }
export default NewConnectionPage
