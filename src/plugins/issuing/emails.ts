import { message } from '../../email/message'
import { serverURL } from '../../lib/env'

export type NewDocumentLine = { type: string; title: string; reference: string }

export const newDocumentsMessage = message<{ firstName: string; documents: NewDocumentLine[] }>(
  'documents-new-available',
  'A new document is available in your account',
  ({ documents }) => [
    documents.length === 1 ? 'A new document has been issued to you:' : `${documents.length} new documents have been issued to you:`,
    ...documents.map((d) => `${d.type}: ${d.title} (reference ${d.reference})`),
    'Sign in to view, download and share them.',
  ],
  () => ({ label: 'See my documents', href: `${serverURL()}/documents` }),
)
