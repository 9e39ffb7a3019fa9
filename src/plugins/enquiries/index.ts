import type { CollectionConfig, Config, Plugin } from 'payload'

import { Enquiries } from './collections/Enquiries'

export { STATUS_WORDS } from './emails'

/** Placed before the content collections, so the admin's Support group keeps its place in the menu. */
function withEnquiries(collections: CollectionConfig[]): CollectionConfig[] {
  const at = collections.findIndex((collection) => collection.slug === 'pages')
  return at < 0 ? [...collections, Enquiries] : [...collections.slice(0, at), Enquiries, ...collections.slice(at)]
}

/** Report a problem: portal accounts report on a document, support staff reply from the admin inbox (collections/Enquiries.ts). */
export const enquiriesPlugin =
  (): Plugin =>
  (config: Config): Config => ({ ...config, collections: withEnquiries(config.collections ?? []) })
