import type { Access, FieldAccess, Where } from 'payload'

import { isActiveLearner, isActivePortalAccount, isPortalAccount, relationId, staffHasRole, type StaffRole } from './users'

export const nobody: Access = () => false
export const anyone: Access = () => true

/** Staff holding one of the roles. */
export const staff =
  (...roles: StaffRole[]): Access =>
  ({ req: { user } }) =>
    staffHasRole(user, roles)

export const administrators = staff('administrator')
export const supportStaff = staff('administrator', 'support')
export const contentStaff = staff('administrator', 'content')

export const staffField =
  (...roles: StaffRole[]): FieldAccess =>
  ({ req: { user } }) =>
    staffHasRole(user, roles)

/** Rows whose `field` points at the signed-in learner's own candidate record (an approved, verified learner's). */
export const ownCandidateRecords =
  (field: string): Access =>
  ({ req: { user } }) => {
    if (!isActiveLearner(user)) return false
    const candidate = relationId(user.candidate)
    return candidate === null ? false : { [field]: { equals: candidate } }
  }

/** Rows whose `field` points at the signed-in learner's account (an approved, verified learner's). */
export const ownedByLearner =
  (field: string): Access =>
  ({ req: { user } }) =>
    isActiveLearner(user) ? { [field]: { equals: user.id } } : false

/** Rows whose `field` points at the signed-in portal account, approved and verified (learner or third party). */
export const ownedByActiveAccount =
  (field: string): Access =>
  ({ req: { user } }) =>
    isActivePortalAccount(user) ? { [field]: { equals: user.id } } : false

/**
 * Rows of the account's own making whatever its status (its profile photo): what it put
 * there itself, nothing of the awarding body's records.
 */
export const ownedByAccount =
  (field: string): Access =>
  ({ req: { user } }) =>
    isPortalAccount(user) ? { [field]: { equals: user.id } } : false

/** A portal account creating a row for itself only: `field` of the new row must be its own id. */
export const creatingForSelf =
  (field: string): Access =>
  ({ req: { user }, data }) =>
    isPortalAccount(user) && String(relationId((data as Record<string, unknown> | undefined)?.[field])) === String(user.id)

/** Approved, verified learners, whatever rows. */
export const learners: Access = ({ req: { user } }) => isActiveLearner(user)

/** Approved, verified portal accounts (learners and third parties), whatever rows. */
export const activePortalAccounts: Access = ({ req: { user } }) => isActivePortalAccount(user)

/**
 * Grants what any of the rules grants: `true` if one says true, otherwise the
 * `or` of the constraints they return, otherwise nothing.
 */
export const anyOf =
  (...rules: Access[]): Access =>
  async (args) => {
    const constraints: Where[] = []
    for (const rule of rules) {
      const result = await rule(args)
      if (result === true) return true
      if (result && typeof result === 'object') constraints.push(result)
    }
    if (constraints.length === 0) return false
    return constraints.length === 1 ? (constraints[0] as Where) : { or: constraints }
  }
