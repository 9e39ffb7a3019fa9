import { serverURL } from '../../lib/env'
import { button, emailLayout } from '../layout'
import { defineEmailTemplate } from '../template'

const resetLink = (token: string) => `${serverURL()}/reset-password?token=${encodeURIComponent(token)}`

export const portalPasswordResetEmail = defineEmailTemplate<{ token: string; firstName: string }>({
  name: 'portal-password-reset',
  carriesSignInLink: true,
  subject: () => 'Choose a new password',
  text: ({ token, firstName }) =>
    `Dear ${firstName},\n\nSomeone asked to reset the password of your account. To choose a new password, open this link within 60 minutes. It works once.\n\n${resetLink(token)}\n\nIf you did not ask for this, ignore this message: your password has not changed.`,
  html: ({ token, firstName }) =>
    emailLayout({
      template: 'portal-password-reset',
      heading: 'Choose a new password',
      bodyHtml: `<p>Dear ${firstName.replace(/[<>&"']/g, '')},</p><p>Someone asked to reset the password of your account. To choose a new password, use the button within 60 minutes. It works once.</p>
${button(resetLink(token), 'Choose a new password')}
<p>If you did not ask for this, ignore this message: your password has not changed.</p>`,
    }),
})
