import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, FlattenedField, PayloadRequest } from 'payload'

import { relationId } from '../../access/users'

export type AuditEntry = { action: string; entity: string; entityId: string | number; summary?: string }

/** Writes one audit entry in the request's transaction, naming the signed-in user as actor. */
export async function recordAudit(req: PayloadRequest, entry: AuditEntry): Promise<void> {
  const user = req.user as { collection?: 'staff' | 'accounts'; id?: number | string; email?: string } | null
  await req.payload.create({
    collection: 'audit-log',
    data: {
      ...entry,
      entityId: String(entry.entityId),
      actor: user?.collection && user.id !== undefined ? { relationTo: user.collection, value: user.id } : null,
      actorLabel: user?.email ?? 'system',
    } as never,
    overrideAccess: true, // system task: the audit log is closed to every role for writing
    req,
  })
}

const IGNORED = new Set(['updatedAt', 'createdAt', 'hash', 'salt', 'sessions', 'loginAttempts', 'lockUntil', 'resetPasswordToken', 'resetPasswordExpiration', '_verificationToken'])

/**
 * A field's value as it is stored: related documents by id. The hook's `previousDoc` is read
 * at depth 0 and its `doc` at the caller's depth, so a populated relation is no change.
 */
function storedValue(field: FlattenedField, value: unknown): unknown {
  if (value === undefined || value === null) return null
  if (field.type === 'relationship' || field.type === 'upload') {
    const one = (item: unknown) =>
      Array.isArray(field.relationTo) && item && typeof item === 'object'
        ? { relationTo: (item as { relationTo?: unknown }).relationTo, value: relationId((item as { value?: unknown }).value) }
        : relationId(item)
    return Array.isArray(value) ? value.map(one) : one(value)
  }
  if (field.type === 'array' && Array.isArray(value)) return value.map((row) => storedRow(field.flattenedFields, row))
  if ((field.type === 'group' || field.type === 'tab') && typeof value === 'object') return storedRow(field.flattenedFields, value)
  return value
}

function storedRow(fields: FlattenedField[], row: unknown): Record<string, unknown> {
  const data = (row ?? {}) as Record<string, unknown>
  return Object.fromEntries(fields.filter((field) => field.type !== 'join' && !('virtual' in field && field.virtual)).map((field) => [field.name, storedValue(field, data[field.name])]))
}

/**
 * The top-level fields whose stored values differ. Joins and virtual fields hold no data of the
 * record; a field the editor may not read is missing from `doc` and not compared.
 */
function changedFields(fields: FlattenedField[], doc: Record<string, unknown>, previous: Record<string, unknown> | undefined): string[] {
  const now = storedRow(fields, doc)
  const before = storedRow(fields, previous)
  return Object.keys(now).filter((name) => name in doc && !IGNORED.has(name) && JSON.stringify(now[name]) !== JSON.stringify(before[name]))
}

/** Audit hooks for a collection: records creates, updates (the names of changed fields) and deletes. */
export function auditTrail(entity: string): { afterChange: CollectionAfterChangeHook[]; afterDelete: CollectionAfterDeleteHook[] } {
  return {
    afterChange: [
      async ({ collection, doc, operation, previousDoc, req }) => {
        if (req.context.skipAudit) return doc
        const changed = operation === 'update' ? changedFields(collection.flattenedFields, doc, previousDoc) : []
        if (operation === 'update' && changed.length === 0) return doc
        await recordAudit(req, {
          action: `${entity}.${operation}`,
          entity,
          entityId: doc.id,
          summary: changed.length ? `Changed: ${changed.join(', ')}` : undefined,
        })
        return doc
      },
    ],
    afterDelete: [
      async ({ id, req }) => {
        if (!req.context.skipAudit) await recordAudit(req, { action: `${entity}.delete`, entity, entityId: id })
      },
    ],
  }
}
