import type { Access, CollectionConfig } from 'payload'

import { administrators, anyOf } from '../../access/rules'
import { isStaffUser, STAFF_ROLES, staffHasRole } from '../../access/users'
import { staffPasswordResetEmail } from '../../email/templates/staffPasswordReset'
import { auditTrail } from '../AuditLog/auditTrail'
import { enforcePasswordRule } from '../passwordRule'
import { authCookies } from '../authCookies'
import { ADMIN_GROUPS } from '../fields'
import { firstRegisterRefused } from '../firstRegister'
import { storeResetTokenHashed } from '../resetTokens'

const self: Access = ({ req: { user } }) =>
  isStaffUser(user) ? { id: { equals: user.id } } : false

/** Staff accounts: the only accounts that reach /admin. */
export const Staff: CollectionConfig = {
  slug: 'staff',
  labels: { singular: 'Staff member', plural: 'Staff' },
  admin: {
    group: ADMIN_GROUPS.system,
    useAsTitle: 'email',
    defaultColumns: ['name', 'email', 'role', 'updatedAt'],
    listSearchableFields: ['name', 'email'],
  },
  auth: {
    cookies: authCookies,
    tokenExpiration: 8 * 60 * 60,
    // Sign-in is the registration plugin's, throttled per IP and per account-from-IP: Payload's
    // per-account lockout would let anyone lock anyone out.
    maxLoginAttempts: 0,
    useSessions: true,
    forgotPassword: {
      expiration: 60 * 60 * 1000,
      generateEmailHTML: (args) => staffPasswordResetEmail.html({ token: args?.token ?? '' }),
      generateEmailSubject: () => staffPasswordResetEmail.subject({ token: '' }),
    },
  },
  endpoints: [firstRegisterRefused('The first administrator is created on the server with `npm run create-admin`.')],
  access: {
    admin: ({ req: { user } }) => isStaffUser(user),
    create: administrators,
    read: anyOf(administrators, self),
    update: anyOf(administrators, self),
    delete: administrators,
    unlock: administrators,
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'support',
      options: STAFF_ROLES.map((value) => ({ label: value[0]!.toUpperCase() + value.slice(1), value })),
      access: {
        create: ({ req: { user } }) => staffHasRole(user, ['administrator']),
        update: ({ req: { user } }) => staffHasRole(user, ['administrator']),
      },
      admin: { description: 'Administrators manage everything; support staff run records, registrations, enquiries and orders; content staff edit pages.' },
    },
  ],
  hooks: { ...auditTrail('staff'), beforeValidate: [enforcePasswordRule], beforeChange: [storeResetTokenHashed] },
  timestamps: true,
}
export default Staff
