import { message } from '../../../email/message'
import { serverURL } from '../../../lib/env'

type Person = { firstName: string }
const SIGN_IN = () => `${serverURL()}/sign-in`

export const verifyEmailMessage = message<Person & { link: string }>(
  'registration-verify-email',
  'Confirm your email address',
  () => [
    'Thank you for registering. Please confirm your email address using the link below. The link works for 24 hours and only once.',
    'If you did not register, you can ignore this message.',
  ],
  ({ link }) => ({ label: 'Confirm my email address', href: link }),
  { carriesSignInLink: true },
)

export const alreadyRegisteredMessage = message<Person>(
  'registration-already-registered',
  'You already have an account',
  () => [
    'Someone, probably you, tried to register with this email address, but it already has an account.',
    'Sign in with your password, or use “Forgot my password” on the sign-in page to choose a new one. If this was not you, you can ignore this message.',
  ],
  () => ({ label: 'Sign in', href: SIGN_IN() }),
)

export const documentsReadyMessage = message<Person>(
  'registration-documents-ready',
  'Your documents are ready',
  () => ['Your email address is confirmed and your details match our records. You can now sign in to see your documents.'],
  () => ({ label: 'Sign in', href: SIGN_IN() }),
)

export const detailsBeingCheckedMessage = message<Person>(
  'registration-being-checked',
  'We are checking your details',
  () => [
    'Your email address is confirmed. Before you can see your documents, our support team needs to check your details against our records. This usually takes up to two working days.',
    'We will email you as soon as your account is ready, or if we need anything more from you.',
  ],
)

export const accountReadyMessage = message<Person>(
  'registration-account-ready',
  'Your account is ready',
  () => ['Your email address is confirmed and your account is ready.'],
  () => ({ label: 'Sign in', href: SIGN_IN() }),
)

export const registrationApprovedMessage = message<Person>(
  'registration-approved',
  'Your documents are ready',
  () => ['Our support team has checked your details. You can now sign in to see your documents.'],
  () => ({ label: 'Sign in', href: SIGN_IN() }),
)

export const moreInformationMessage = message<Person & { request: string }>(
  'registration-more-information',
  'We need more information to approve your account',
  ({ request }) => ['Our support team could not match your registration to our records yet. They ask:', request, 'Please reply to our support team by email, quoting the email address you registered with.'],
)

export const registrationRejectedMessage = message<Person & { reason: string }>(
  'registration-rejected',
  'We could not approve your registration',
  ({ reason }) => ['Our support team could not approve your registration, for this reason:', reason, 'If you think this is a mistake, please contact our support team.'],
)

/** To the holder of an account linked to a record, when someone else's registration matched that record. */
export const someoneUsedYourDetailsMessage = message<Person>(
  'registration-someone-used-your-details',
  'Someone tried to register with your details',
  () => [
    'Someone has just registered a new portal account with the name, candidate number and date of birth of your record. Your account is still the one linked to your record: the new registration was not approved and our support team will check it.',
    'If this was you, with another email address, you do not need a second account: sign in with this one. If it was not you, please contact our support team.',
  ],
  () => ({ label: 'Sign in', href: SIGN_IN() }),
)
