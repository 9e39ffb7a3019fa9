import { message } from '../../email/message'
import { serverURL } from '../../lib/env'

type About = { firstName: string; subject: string; enquiry: number | string }
const threadLink = ({ enquiry }: About) => ({ label: 'See the conversation', href: `${serverURL()}/enquiries/${enquiry}` })

export const STATUS_WORDS: Record<string, string> = { open: 'open', 'in-progress': 'in progress', resolved: 'resolved' }

export const enquiryReceivedMessage = message<About>(
  'enquiry-received',
  'We have received your report',
  ({ subject }) => [`Thank you for your report “${subject}”. Our support team will look into it and reply, usually within two working days.`],
  threadLink,
)

export const enquiryReplyMessage = message<About & { reply: string }>(
  'enquiry-reply',
  'Our support team has replied',
  ({ subject, reply }) => [`About “${subject}”, our support team wrote:`, reply, 'You can read the whole conversation in your account.'],
  threadLink,
)

export const enquiryStatusMessage = message<About & { status: string }>(
  'enquiry-status',
  'Your report has been updated',
  ({ subject, status }) => [`Your report about “${subject}” is now ${STATUS_WORDS[status] ?? status}.`],
  threadLink,
)
