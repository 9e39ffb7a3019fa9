import type { CollectionAfterChangeHook, CollectionConfig, Config, Field, Plugin } from 'payload'

import { relationId } from '../../access/users'
import { reissueEndpoint, revokeEndpoint } from './endpoints'
import { notifyNewDocumentsTask } from './notify'

export { notifyNewDocuments } from './notify'
export { IssuingError, reissueDocument, revokeDocument } from './revokeReissue'

const issuingFields: Field[] = [
  { name: 'issuingPanel', type: 'ui', admin: { components: { Field: '/plugins/issuing/admin/IssuingPanel#IssuingPanel' } } },
  {
    name: 'learnerNotifiedAt',
    label: 'Learner emailed',
    type: 'date',
    index: true,
    access: { create: () => false, update: () => false },
    admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime', displayFormat: 'dd/MM/yyyy HH:mm', timeFormat: 'HH:mm' }, description: 'When the learner was told this document is available.' },
  },
]

/** Each new document queues the job that tells the learner, in the same transaction. The demo seed's records are nobody's news. */
const queueNotification: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  const candidate = relationId(doc.candidate)
  if (operation === 'create' && candidate !== null && !req.context.seeding) await req.payload.jobs.queue({ task: 'notify-new-documents', input: { candidate: Number(candidate) }, req })
  return doc
}

const withIssuing = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  fields: [...collection.fields, ...issuingFields],
  endpoints: [...(collection.endpoints || []), revokeEndpoint, reissueEndpoint],
  hooks: { ...collection.hooks, afterChange: [...(collection.hooks?.afterChange ?? []), queueNotification] },
})

/** Issuing: telling learners about new documents (once each), and revoking or reissuing documents. */
export const issuingPlugin =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) => (collection.slug === 'documents' ? withIssuing(collection) : collection)),
    jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), notifyNewDocumentsTask as never] },
  })
