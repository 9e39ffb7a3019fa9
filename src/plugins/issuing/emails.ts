import { message } from '../../email/message'
import { serverURL } from '../../lib/env'

export type NewDocumentLine = { type: string; title: string; reference: string }

export const newDocumentsMessage = message<{ firstName: string; documents: NewDocumentLine[] }>(
  'documents-new-available',
  'A new document is available in your account',
  ({ documents }) => [
    documents.length === 1 ? 'A new document has been issued to you:' : `${documents.length} new documents have been issued to you:`,
    ...documents.map((d) => `${d.type}: ${d.title} (reference ${d.reference})`),
    documents.length === 1 ? 'Sign in to view and download it.' : 'Sign in to view and download them.',
  ],
  () => ({ label: 'See my documents', href: `${serverURL()}/documents` }),
)

export const documentRevokedMessage = message<{ firstName: string; document: NewDocumentLine; revokedOn: string; reason: string }>(
  'document-revoked',
  'One of your documents has been revoked',
  ({ document, revokedOn, reason }) => [
    `We have revoked your ${document.type.toLowerCase()}: ${document.title} (reference ${document.reference}), on ${revokedOn}. It is no longer valid, and the verification page now says so.`,
    `The reason: ${reason}`,
    'If you think this is a mistake, sign in, go to My documents and choose “Report a problem” on this document.',
  ],
  () => ({ label: 'See my documents', href: `${serverURL()}/documents` }),
)
