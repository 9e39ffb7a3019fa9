import { DashboardPage } from '../../../portal/account/DashboardPage'

export const metadata = { title: 'Dashboard' }
export default DashboardPage
