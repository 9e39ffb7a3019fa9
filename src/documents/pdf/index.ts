/**
 * Server-side rendering of official documents: plain facts in, PDF (or badge PNG) bytes out.
 * No Payload here: the caller loads the document with the signed-in user's access and passes
 * the facts it may see.
 */
export type { Branding, DocumentFacts, DocumentUnit } from './types'
export { renderDocumentPdf, renderReceiptPdf } from './render'
export type { ReceiptFacts } from './Receipt'
export { renderBadgePng } from './badge'
export { qrCodeFor } from './qr'
export { withShownStatus } from './format'
