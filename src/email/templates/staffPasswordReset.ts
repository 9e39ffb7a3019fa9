import { serverURL } from '../../lib/env'
import { button, emailLayout } from '../layout'
import { defineEmailTemplate } from '../template'

const resetLink = (token: string) => `${serverURL()}/admin/reset/${encodeURIComponent(token)}`

export const staffPasswordResetEmail = defineEmailTemplate<{ token: string }>({
  name: 'staff-password-reset',
  carriesSignInLink: true,
  subject: () => 'Reset your staff password',
  text: ({ token }) =>
    `Someone asked to reset the password of your staff account.\n\nTo choose a new password, open this link within 60 minutes:\n${resetLink(token)}\n\nIf you did not ask for this, ignore this message: your password has not changed.`,
  html: ({ token }) =>
    emailLayout({
      template: 'staff-password-reset',
      heading: 'Reset your staff password',
      bodyHtml: `<p>Someone asked to reset the password of your staff account. To choose a new password, use the button within 60 minutes.</p>
${button(resetLink(token), 'Choose a new password')}
<p>If you did not ask for this, ignore this message: your password has not changed.</p>`,
    }),
})
