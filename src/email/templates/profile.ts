import { serverURL } from '../../lib/env'
import { button, emailLayout, escapeHtml } from '../layout'
import { defineEmailTemplate } from '../template'

const paragraphs = (lines: string[]) => lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')

type PasswordChanged = { firstName: string; otherDevicesSignedOut: boolean }

const passwordChangedLines = ({ otherDevicesSignedOut }: PasswordChanged) => [
  'The password of your Digital Achievement Portal account has just been changed.',
  otherDevicesSignedOut
    ? 'You were signed out on every other device, as you asked: sign in there again with your new password.'
    : 'Devices where you were already signed in stay signed in.',
  'If you did not change it, someone else may know your password: choose a new one straight away with “Forgot my password” on the sign-in page, and contact our support team.',
]

/** Tells the account holder their password changed, so someone else changing it does not go unnoticed. */
export const passwordChangedEmail = defineEmailTemplate<PasswordChanged>({
  name: 'profile-password-changed',
  subject: () => 'Your password has been changed',
  text: (data) => [`Dear ${data.firstName},`, ...passwordChangedLines(data), `Forgot my password: ${serverURL()}/forgot-password`].join('\n\n'),
  html: (data) =>
    emailLayout({
      template: 'profile-password-changed',
      heading: 'Your password has been changed',
      bodyHtml: `${paragraphs([`Dear ${data.firstName},`, ...passwordChangedLines(data)])}${button(`${serverURL()}/forgot-password`, 'Choose a new password')}`,
    }),
})

type AccountDeleted = { firstName: string; ordersKept: number }

const accountDeletedLines = ({ ordersKept }: AccountDeleted) => [
  'As you asked, we have deleted your Digital Achievement Portal account and the personal details, addresses and photo it held.',
  ...(ordersKept
    ? [
        `We keep the record of your ${ordersKept === 1 ? 'order' : `${ordersKept} orders`} for as long as the law requires us to keep sales records, no longer linked to an account. Any order still being printed or posted will be sent as planned.`,
      ]
    : []),
  'Your certificates and other official records are kept by us as the awarding body: deleting your account does not change them. You can register again at any time.',
]

/** Confirms a deletion the holder asked for. */
export const accountDeletedEmail = defineEmailTemplate<AccountDeleted>({
  name: 'profile-account-deleted',
  subject: () => 'Your account has been deleted',
  text: (data) => [`Dear ${data.firstName},`, ...accountDeletedLines(data)].join('\n\n'),
  html: (data) =>
    emailLayout({ template: 'profile-account-deleted', heading: 'Your account has been deleted', bodyHtml: paragraphs([`Dear ${data.firstName},`, ...accountDeletedLines(data)]) }),
})
