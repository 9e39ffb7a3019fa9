import type { Access, Endpoint, SanitizedCollectionConfig, SanitizedConfig, SanitizedGlobalConfig, Where } from 'payload'

import { administrators, anyOf, nobody } from './rules'
import { isStaffUser, relationId } from './users'

/** The signed-in staff member's own rows, where `user` is a polymorphic relation to an auth collection. */
const ownStaffRows: Access = ({ req: { user } }) =>
  isStaffUser(user) ? ({ and: [{ 'user.relationTo': { equals: 'staff' } }, { 'user.value': { equals: user.id } }] } as Where) : false

/** A write naming the signed-in staff member as its `user`: nobody locks, or takes over a lock, in another's name. */
const writingAsSelf: Access = ({ req: { user }, data }) => {
  if (!isStaffUser(user)) return false
  const named = (data as { user?: { relationTo?: string; value?: unknown } } | undefined)?.user
  return named?.relationTo === 'staff' && String(relationId(named.value)) === String(user.id)
}

const staffOnly: Access = ({ req: { user } }) => isStaffUser(user)

/**
 * Payload adds collections of its own, open by default to any signed-in user of any auth
 * collection (portal accounts included). They are closed here, on the built config, so the
 * rules hold for REST and the Local API alike.
 */
const INTERNAL_ACCESS: Record<string, Partial<SanitizedCollectionConfig['access']>> = {
  // Which record each member of staff is editing: staff only; a lock is taken, taken over or
  // released only in one's own name (administrators release any).
  'payload-locked-documents': {
    read: staffOnly,
    create: writingAsSelf,
    update: writingAsSelf,
    delete: anyOf(administrators, ownStaffRows),
  },
  // Admin screen preferences: each staff member's own; portal accounts have none.
  'payload-preferences': {
    read: ownStaffRows,
    create: staffOnly,
    update: ownStaffRows,
    delete: ownStaffRows,
  },
  'payload-migrations': { read: administrators, create: nobody, update: nobody, delete: nobody },
}

/** Payload's scheduling statistics: a malformed value stops the job runner, so administrators only. */
const JOBS_STATS_ACCESS: SanitizedGlobalConfig['access'] = { read: administrators, update: administrators, readVersions: nobody }

/** Preferences have REST endpoints of their own that skip collection access: staff only there too. */
const staffOnlyEndpoint = (endpoint: Endpoint): Endpoint => ({
  ...endpoint,
  handler: (req) => (isStaffUser(req.user) ? endpoint.handler(req) : Response.json({ errors: [{ message: 'You are not allowed to perform this action.' }] }, { status: 403 })),
})

export function closePayloadInternals(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    const access = INTERNAL_ACCESS[collection.slug]
    if (!access) continue
    collection.access = { ...collection.access, ...access }
    if (collection.slug === 'payload-preferences' && Array.isArray(collection.endpoints)) collection.endpoints = collection.endpoints.map(staffOnlyEndpoint)
  }
  const jobsStats = config.globals.find((global) => (global.slug as string) === 'payload-jobs-stats')
  if (jobsStats) jobsStats.access = { ...jobsStats.access, ...JOBS_STATS_ACCESS }
  return config
}
