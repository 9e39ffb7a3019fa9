import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

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

function changedFields(doc: Record<string, unknown>, previous: Record<string, unknown> | undefined): string[] {
  return Object.keys(doc).filter((key) => !IGNORED.has(key) && JSON.stringify(doc[key]) !== JSON.stringify(previous?.[key]))
}

/** Audit hooks for a collection: records creates, updates (the names of changed fields) and deletes. */
export function auditTrail(entity: string): { afterChange: CollectionAfterChangeHook[]; afterDelete: CollectionAfterDeleteHook[] } {
  return {
    afterChange: [
      async ({ doc, operation, previousDoc, req }) => {
        if (req.context.skipAudit) return doc
        const changed = operation === 'update' ? changedFields(doc, previousDoc) : []
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
