import type { CollectionAfterChangeHook } from 'payload'

import { relationId } from '../../../access/users'

/** When staff move an achievement to another candidate, its documents follow it. */
export const keepDocumentsWithCandidate: CollectionAfterChangeHook = async ({ doc, operation, previousDoc, req }) => {
  if (operation !== 'update') return doc
  const candidate = relationId(doc.candidate)
  if (candidate === relationId(previousDoc?.candidate)) return doc
  await req.payload.update({
    collection: 'documents',
    where: { achievement: { equals: doc.id } },
    data: { candidate } as never,
    overrideAccess: true, // system task: the candidate field is derived and closed to direct edits
    req,
  })
  return doc
}
