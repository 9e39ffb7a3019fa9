import { button, emailLayout, escapeHtml } from './layout'
import { defineEmailTemplate } from './template'

type Person = { firstName: string }

/** By the name of the recipient's account; "Hello," when the address has none (never a name someone else typed). */
const greeting = ({ firstName }: Person) => (firstName ? `Dear ${firstName},` : 'Hello,')

const paragraphs = (lines: string[]) => lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')

/** A message of paragraphs and, optionally, one button; its text part says the same. */
export function message<Data extends Person>(
  name: string,
  subject: string,
  lines: (data: Data) => string[],
  action?: (data: Data) => { label: string; href: string },
  { carriesSignInLink = false } = {},
) {
  return defineEmailTemplate<Data>({
    name,
    carriesSignInLink,
    subject: () => subject,
    text: (data) => {
      const act = action?.(data)
      return [greeting(data), ...lines(data), ...(act ? [`${act.label}: ${act.href}`] : [])].join('\n\n')
    },
    html: (data) => {
      const act = action?.(data)
      return emailLayout({
        template: name,
        heading: subject,
        bodyHtml: `${paragraphs([greeting(data), ...lines(data)])}${act ? button(act.href, act.label) : ''}`,
      })
    },
  })
}

