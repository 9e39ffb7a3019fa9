/** The demo seed's Local API options: a system task (no access check), unaudited, and marked as seeding for the hooks that skip their emails. */
export const AS_SEEDER = { overrideAccess: true, context: { skipAudit: true, seeding: true } } as const
