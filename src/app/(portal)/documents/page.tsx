import { DocumentsPage } from '../../../portal/documents/DocumentsPage'

export const metadata = { title: 'My documents' }
export default DocumentsPage
