export const STAFF_ROLES = ['administrator', 'support', 'content'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const ACCOUNT_KINDS = ['learner', 'third-party'] as const
export type AccountKind = (typeof ACCOUNT_KINDS)[number]

/** The shape of `req.user` that access rules rely on, whichever auth collection signed in. */
export type SignedInUser =
  | { collection: 'staff'; id: number | string; role?: StaffRole | null }
  | { collection: 'accounts'; id: number | string; kind?: AccountKind | null; candidate?: unknown; status?: string | null; _verified?: boolean | null }

type MaybeUser = { collection?: string } | null | undefined

export function isStaffUser(user: MaybeUser): user is Extract<SignedInUser, { collection: 'staff' }> {
  return user?.collection === 'staff'
}

export function isPortalAccount(user: MaybeUser): user is Extract<SignedInUser, { collection: 'accounts' }> {
  return user?.collection === 'accounts'
}

export function staffHasRole(user: MaybeUser, roles: readonly StaffRole[]): boolean {
  return isStaffUser(user) && !!user.role && roles.includes(user.role)
}

export function isLearner(user: MaybeUser): user is Extract<SignedInUser, { collection: 'accounts' }> {
  return isPortalAccount(user) && user.kind === 'learner'
}

/**
 * A portal account that may be granted anything beyond its own account row: its email is
 * verified and its registration approved. Read from the account as it is now (Payload loads it
 * on every request), so rejecting or suspending an account takes effect on its open sessions at once.
 */
export function isActivePortalAccount(user: MaybeUser): user is Extract<SignedInUser, { collection: 'accounts' }> {
  return isPortalAccount(user) && user.status === 'approved' && user._verified === true
}

export function isActiveLearner(user: MaybeUser): user is Extract<SignedInUser, { collection: 'accounts' }> {
  return isActivePortalAccount(user) && user.kind === 'learner'
}

/** The id of a relationship value, whether populated or not. */
export function relationId(value: unknown): number | string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'object') return (value as { id?: number | string }).id ?? null
  return value as number | string
}
