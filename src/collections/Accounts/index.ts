import {
  APIError,
  type Access,
  type CollectionBeforeChangeHook,
  type CollectionBeforeOperationHook,
  type CollectionConfig,
  type FieldAccess,
  type FieldHook,
  type SelectFieldSingleValidation,
  type TextFieldSingleValidation,
} from 'payload'
import { select } from 'payload/shared'

import { administrators, anyOf, staffField, supportStaff } from '../../access/rules'
import { ACCOUNT_KINDS, isLearner, isPortalAccount, isStaffUser } from '../../access/users'
import { normaliseDefaults, type BookEntry } from '../../lib/addresses'
import { parsePhone } from '../../lib/phone'
import { auditTrail } from '../AuditLog/auditTrail'
import { authCookies } from '../authCookies'
import { ADMIN_GROUPS } from '../fields'
import { firstRegisterRefused } from '../firstRegister'
import { enforcePasswordRule } from '../passwordRule'
import { storeResetTokenHashed } from '../resetTokens'
import { erasePersonalData, removeErasedPhotoFilesAfterDelete } from './hooks/erasePersonalData'

/**
 * In review (or before), an account's status and record change only by the review panel's
 * audited decisions (system writes); staff set the status directly only to suspend an
 * approved account or to restore a suspended one.
 */
const SUSPENSION_STATUSES = ['approved', 'suspended']
const statusEditable: FieldAccess = (args) => Boolean(supportOnly(args)) && SUSPENSION_STATUSES.includes(String(args.doc?.status))
const onlyDecisionsChangeStatus: SelectFieldSingleValidation = (value, args) => {
  if (!args.overrideAccess && args.operation === 'update' && value !== args.previousValue && !SUSPENSION_STATUSES.includes(String(value)))
    return 'Here an account can only be suspended or restored to Approved. Decide a registration with the buttons of the review panel.'
  return select(value, args)
}

/** A telephone number is kept in E.164, however it was typed. */
const phoneInE164: FieldHook = ({ value }) => {
  if (typeof value !== 'string' || !value.trim()) return value
  const parsed = parsePhone(value)
  return parsed.ok ? parsed.e164 : value
}
/** Only a number being changed is checked: one kept from before the rule must not block other edits. */
const validPhone: TextFieldSingleValidation = (value, { previousValue }) => {
  if (!value || value === previousValue) return true
  const parsed = parsePhone(value)
  return parsed.ok ? true : parsed.error
}

const self: Access = ({ req: { user } }) => (isPortalAccount(user) ? { id: { equals: user.id } } : false)
const supportOnly = staffField('administrator', 'support')
/** A learner's name comes from their record: only staff change it (third parties change their own). */
const notLearners: FieldAccess = ({ req: { user } }) => !isLearner(user)

/**
 * Only the holder sets a portal account's password. They change it only through the profile's
 * change-password form, which checks the current password first and says so in `req.context`;
 * any other way (a REST PATCH with a stolen session, say) is refused. Staff never set it: they
 * send a reset link, which reaches the holder.
 */
const passwordSetOnlyByItsHolder: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  const data = (args as { data?: { password?: unknown } }).data
  // 'update' is both a single and a bulk update; a reset link (operation 'resetPassword') proves itself.
  if (operation !== 'update' || !data?.password) return args
  if (isStaffUser(req.user))
    throw new APIError('Staff cannot set the password of a portal account. Send the account holder a link to choose a new password instead.', 403, undefined, true)
  if (isPortalAccount(req.user) && !req.context.currentPasswordChecked)
    throw new APIError('Change your password from your profile, giving your current password.', 403, undefined, true)
  return args
}

/**
 * The email address is where the account proves it is who it says: a portal account cannot
 * change it itself (that would skip verification); support staff change it on request.
 */
const emailChangeByStaffOnly: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  const changed = operation === 'update' && typeof data?.email === 'string' && data.email.trim().toLowerCase() !== String(originalDoc?.email ?? '').toLowerCase()
  if (changed && isPortalAccount(req.user))
    throw new APIError('To change the email address of your account, contact support.', 403, undefined, true)
  return data
}

/** Exactly one default billing and one default delivery address, however the book was changed. */
const keepOneDefaultAddress: CollectionBeforeChangeHook = ({ data }) => {
  if (Array.isArray(data?.addresses)) data.addresses = normaliseDefaults(data.addresses as BookEntry[])
  return data
}

export const ACCOUNT_STATUSES = [
  { label: 'Pending (email not verified)', value: 'pending' },
  { label: 'Awaiting review', value: 'awaiting-review' },
  { label: 'More information requested', value: 'information-requested' },
  { label: 'Approved', value: 'approved' },
  { label: 'Rejected', value: 'rejected' },
  { label: 'Suspended', value: 'suspended' },
] as const

/**
 * Portal accounts: learners and third parties in one auth collection, told apart by `kind`.
 * One collection gives one sign-in page and one session cookie for both, and one unique
 * email, so a person who made the wrong kind of account is found and told so.
 */
export const Accounts: CollectionConfig = {
  slug: 'accounts',
  labels: { singular: 'Portal account', plural: 'Portal accounts' },
  admin: {
    group: ADMIN_GROUPS.people,
    useAsTitle: 'email',
    defaultColumns: ['email', 'firstName', 'lastName', 'kind', 'status', 'candidate', 'createdAt'],
    listSearchableFields: ['email', 'firstName', 'lastName', 'companyName'],
  },
  auth: {
    cookies: authCookies,
    tokenExpiration: 2 * 60 * 60,
    // Payload's per-account lockout would let anyone lock anyone out: sign-in is throttled per IP instead.
    maxLoginAttempts: 0,
    useSessions: true,
    verify: true,
    // Every signed-in request reads the account afresh: its own row only (the candidate stays an id,
    // which is all access rules and pages use), not the linked record populated as the default depth would.
    depth: 0,
    // The link is made here and emailed by the registration plugin; only its hash is stored.
    forgotPassword: { expiration: 60 * 60 * 1000 },
  },
  endpoints: [firstRegisterRefused('Portal accounts are made by registering at /register.')],
  access: {
    admin: () => false,
    create: supportStaff,
    read: anyOf(supportStaff, self),
    update: anyOf(supportStaff, self),
    delete: administrators,
    unlock: administrators,
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'kind',
          type: 'select',
          required: true,
          defaultValue: 'learner',
          options: ACCOUNT_KINDS.map((value) => ({ label: value === 'learner' ? 'Learner' : 'Third party', value })),
          access: { create: supportOnly, update: supportOnly },
        },
        {
          name: 'status',
          type: 'select',
          required: true,
          defaultValue: 'pending',
          index: true,
          admin: {
            description:
              'Only an approved account with a confirmed email address reaches its records. Registrations are decided in the review panel above; here an approved account is suspended or restored. Suspending takes effect on its open sessions at once.',
          },
          options: [...ACCOUNT_STATUSES],
          validate: onlyDecisionsChangeStatus,
          access: { create: supportOnly, update: statusEditable },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'firstName', label: 'First name', type: 'text', required: true, maxLength: 100, access: { update: notLearners } },
        { name: 'lastName', label: 'Surname', type: 'text', required: true, maxLength: 100, access: { update: notLearners } },
      ],
    },
    {
      name: 'candidate',
      type: 'relationship',
      relationTo: 'candidates',
      // One account per record: the last word when two registrations of one person race.
      unique: true,
      // Linked by matching or by the review panel's approval, never by a direct edit.
      access: { create: supportOnly, update: () => false },
      admin: {
        condition: (data) => data?.kind !== 'third-party',
        description: 'The candidate record this learner is linked to. Set when the registration is matched or approved in the review panel.',
      },
    },
    {
      type: 'row',
      admin: { condition: (data) => data?.kind === 'third-party' },
      fields: [
        { name: 'companyName', label: 'Company name', type: 'text', maxLength: 200 },
        { name: 'jobTitle', label: 'Job title', type: 'text', maxLength: 200 },
      ],
    },
    {
      name: 'phone',
      type: 'text',
      maxLength: 30,
      validate: validPhone,
      hooks: { beforeChange: [phoneInE164] },
      admin: { description: 'Stored with its country code (E.164, for example +442079460000); a UK number can be typed as 020 7946 0000.' },
    },
    {
      name: 'privacyConsent',
      type: 'group',
      admin: { description: 'Recorded when the person agreed to the privacy policy.' },
      access: { create: supportOnly, update: supportOnly },
      fields: [
        { name: 'agreedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'policyVersion', type: 'text', admin: { readOnly: true } },
      ],
    },
    {
      // Payload lets any signed-in writer of the row set this; it is set only by confirming the email link.
      name: '_verified',
      type: 'checkbox',
      access: { create: supportOnly, update: supportOnly },
    },
    {
      name: 'legacyImport',
      type: 'checkbox',
      defaultValue: false,
      access: { create: supportOnly, update: supportOnly },
      admin: { description: 'Imported from the older system without a password: signs in through "forgot my password".' },
    },
  ],
  hooks: {
    ...auditTrail('accounts'),
    beforeOperation: [passwordSetOnlyByItsHolder],
    beforeValidate: [enforcePasswordRule],
    beforeChange: [emailChangeByStaffOnly, keepOneDefaultAddress, storeResetTokenHashed],
    beforeDelete: [erasePersonalData],
    afterOperation: [removeErasedPhotoFilesAfterDelete],
  },
  timestamps: true,
}
export default Accounts
