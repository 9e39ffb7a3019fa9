import { APIError, type CollectionBeforeOperationHook, type CollectionSlug, type Config, type FlattenedField, type Payload, type Plugin } from 'payload'

/**
 * The collections a sort path passes through on its way to the field it sorts on:
 * `document.candidate.surname` on enquiries passes through documents and candidates.
 */
function collectionsCrossed(payload: Payload, fields: FlattenedField[], path: string): CollectionSlug[] {
  const crossed: CollectionSlug[] = []
  const segments = path.split('.')
  let current = fields
  for (const [index, segment] of segments.entries()) {
    const field = current.find((each) => each.name === segment)
    const rest = segments.slice(index + 1)
    // Sorting on a relationship itself, or on its `id`, orders by the id this row holds.
    if (!field || rest.length === 0 || (rest.length === 1 && rest[0] === 'id')) return crossed
    if (field.type === 'relationship' || field.type === 'upload' || field.type === 'join') {
      const targets = [field.type === 'join' ? field.collection : field.relationTo].flat() as CollectionSlug[]
      crossed.push(...targets)
      if (targets.length !== 1) return crossed
      current = payload.collections[targets[0]!].config.flattenedFields
    } else if ('flattenedFields' in field) {
      current = field.flattenedFields
    } else {
      return crossed
    }
  }
  return crossed
}

/**
 * Payload checks the fields a sort path names against field access, but not the rows it
 * reaches through a relationship: a learner sorting their own enquiries on
 * `document.verificationCode` would see them ordered by other learners' codes. A sort
 * through a relationship is for callers who may read every row of the collections on its way.
 */
const sortOnlyThroughReadableCollections: CollectionBeforeOperationHook = async ({ args, collection, operation, overrideAccess, req }) => {
  if (operation !== 'read' || overrideAccess) return
  const sort: unknown = (args as { sort?: unknown }).sort
  if (!sort) return
  const paths = (Array.isArray(sort) ? sort.map(String) : String(sort).split(',')).map((path) => path.trim().replace(/^-/, ''))
  for (const path of paths) {
    for (const slug of collectionsCrossed(req.payload, collection.flattenedFields, path)) {
      const read = req.payload.collections[slug]?.config.access.read
      if (!read || (await read({ req })) !== true) throw new APIError(`You cannot sort on ${path}.`, 400, undefined, true)
    }
  }
}

/** Every collection refuses a sort through rows its caller may not read. */
export const sortAccessPlugin =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) => ({
      ...collection,
      hooks: { ...collection.hooks, beforeOperation: [...(collection.hooks?.beforeOperation ?? []), sortOnlyThroughReadableCollections] },
    })),
  })
