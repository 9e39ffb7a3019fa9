import { HelpIndexPage } from '../../../portal/content/HelpIndexPage'

export const metadata = { title: 'Help and support' }
export default HelpIndexPage
