import type { CollectionConfig, Config, Plugin } from 'payload'

import { closestCandidatesEndpoint, forgotPasswordEndpoint, loginEndpoint, logoutEndpoint, resetPasswordEndpoint, reviewEndpoint } from './endpoints'
import { currentPasswordField, ownChangesNeedCurrentPassword } from './currentPassword'
import { registrationFields, reviewPanelField } from './fields'
import { meEndpoint, refreshEndpoint } from './sessionEndpoints'
import type { PasswordCollection } from './session'

export { registerLearner, registerThirdParty, type RegistrationResult } from './register'
export { requestPasswordReset, resetPassword } from './passwordReset'
export { attemptWait, clearSignInFailures, recordAttempt, recordSignInFailure, signInWait } from './signInThrottle'
export { signInAccount, type SignInOutcome } from './signIn'
export { signOutAccount } from './signOut'
export { sessionUser } from './session'
export { decideRegistration, ReviewError, type ReviewDecision } from './review'
export { resendVerificationLink, verifyEmail, VERIFICATION_LINK_HOURS, type VerificationResult } from './verify'

/**
 * Registration matching: learner and third-party registration, email verification with
 * expiring single-use links, matching to candidate records, and the staff review queue; and
 * password sign-in and reset for portal accounts and staff alike (and a staff member's
 * current password to change their own).
 */
export const registrationPlugin =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) =>
      collection.slug === 'accounts' ? withRegistration(collection) : collection.slug === 'staff' ? withStaffSignIn(collection) : collection,
    ),
  })

/** Sign-in, forgot password and the reset link's form, the same for portal accounts and staff. */
const passwordEndpoints = (collection: PasswordCollection) => [loginEndpoint(collection), forgotPasswordEndpoint(collection), resetPasswordEndpoint(collection)]

const withRegistration = (accounts: CollectionConfig): CollectionConfig => ({
  ...accounts,
  fields: [reviewPanelField, ...accounts.fields, ...registrationFields],
  endpoints: [...(accounts.endpoints || []), ...passwordEndpoints('accounts'), logoutEndpoint, reviewEndpoint, closestCandidatesEndpoint, meEndpoint, refreshEndpoint],
  admin: {
    ...accounts.admin,
    components: { ...accounts.admin?.components, beforeListTable: ['/plugins/registration/admin/ReviewQueueLink#ReviewQueueLink'] },
    defaultColumns: ['email', 'firstName', 'lastName', 'kind', 'status', 'registration.matchOutcome', 'createdAt'],
  },
})

const withStaffSignIn = (staff: CollectionConfig): CollectionConfig => ({
  ...staff,
  fields: [...staff.fields, currentPasswordField],
  endpoints: [...(staff.endpoints || []), ...passwordEndpoints('staff')],
  hooks: { ...staff.hooks, beforeChange: [ownChangesNeedCurrentPassword, ...(staff.hooks?.beforeChange ?? [])] },
})
