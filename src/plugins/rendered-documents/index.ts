import type { Config, Plugin } from 'payload'

import { RenderedDocuments } from './collection'

export { renderedOnce, type Rendered } from './cache'

/** Rendered documents kept in PostgreSQL, so a certificate is rendered once per version of what it prints. */
export const renderedDocumentsPlugin =
  (): Plugin =>
  (config: Config): Config => ({ ...config, collections: [...(config.collections ?? []), RenderedDocuments] })
