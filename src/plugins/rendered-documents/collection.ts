import type { CollectionConfig } from 'payload'

import { nobody } from '../../access/rules'

export const RENDERED_DOCUMENTS = 'rendered-documents'

/**
 * Documents already rendered (PDFs and badge images), each under a key that is the hash of
 * everything it prints (src/plugins/rendered-documents/key.ts): any change to a document, its
 * achievement, its holder's name, the branding or the build makes a new key, so a row is never
 * stale, only unused. Read and written by the rendering code alone; no person sees it.
 */
export const RenderedDocuments: CollectionConfig = {
  slug: RENDERED_DOCUMENTS,
  admin: { hidden: true },
  access: { create: nobody, read: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'key', type: 'text', required: true, unique: true, index: true },
    { name: 'contentType', type: 'text', required: true },
    // Base64: Payload has no binary field, and a PDF of 30-80 KB is served as a whole anyway.
    { name: 'body', type: 'text', required: true },
  ],
  timestamps: true,
}
