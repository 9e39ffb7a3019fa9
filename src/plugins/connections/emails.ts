import { message } from '../../email/message'
import { serverURL } from '../../lib/env'

/**
 * One named template per connection event, each to the other side. `firstName` greets the
 * recipient (by the name of their account; empty, "Hello", for an address with none: a name
 * someone else typed never opens a message); `other` names the side that acted ("Sam Jones" or
 * "Acme Ltd (Riley Smith)").
 */
export type ConnectionMail = { firstName: string; other: string; connection: number; accessUntil: string }

/**
 * Text someone typed (a name, a company, a message) as an email shows it: on one line, at most
 * `max` characters, and nothing a mail program could turn into a link ("://" and the dots of
 * any address or domain bracketed: "example[.]com"). The HTML part escapes it as all text.
 */
export function typedText(value: string, max = 1000): string {
  const line = value.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ').replace(/\s+/g, ' ').trim()
  const short = line.length > max ? `${line.slice(0, max - 1)}…` : line
  return short.replace(/:\/\//g, '[:]//').replace(/([\p{L}\p{N}_-])\.(?=[\p{L}\p{N}_-])/gu, '$1[.]')
}

/** Every name and message another person typed, made safe to show (`typedText`) before a template's lines use it. */
const typed =
  <Data extends ConnectionMail>(lines: (data: Data) => string[]) =>
  (data: Data) =>
    lines({ ...data, other: typedText(data.other, 420), ...('note' in data ? { note: typedText(String(data.note)) } : {}) })

/** A message from the third party or the learner, clearly theirs: attributed and quoted. */
const theirMessage = (note: string) => (note ? [`Their message: “${note}” (their own words, not checked by us)`] : [])

const open = ({ connection }: ConnectionMail) => ({ label: 'See the connection', href: `${serverURL()}/connections/${connection}` })
const list = () => ({ label: 'See your connections', href: `${serverURL()}/connections` })

/** Said in every email that asks for an answer: when the connection lapses unanswered. */
const answerByLine = (answerBy: string) => `Please answer by ${answerBy}. If nobody answers by then, the connection lapses.`

export const connectionCreatedMessage = message<ConnectionMail & { documents: number; answerBy: string }>(
  'connection-created',
  'Documents have been shared with you',
  typed(({ other, documents, accessUntil, answerBy }) => [
    `${other} wants to share ${documents === 1 ? 'a document' : `${documents} documents`} with you, until ${accessUntil}.`,
    'Sign in and accept the connection to see them.',
    answerByLine(answerBy),
  ]),
  open,
)

export const connectionInvitationMessage = message<ConnectionMail & { documents: number; email: string; answerBy: string }>(
  'connection-invitation',
  'You are invited to see shared documents',
  typed(({ other, documents, accessUntil, answerBy }) => [
    `${other} wants to share ${documents === 1 ? 'a document' : `${documents} documents`} with you through the Digital Achievement Portal, until ${accessUntil}.`,
    'Register as an employer, university or auditor with this email address. Once you have confirmed it, the connection is waiting in your account for you to accept.',
    answerByLine(answerBy),
  ]),
  ({ email }) => ({ label: 'Register to see the documents', href: `${serverURL()}/register/third-party?email=${encodeURIComponent(email)}` }),
)

export const connectionRequestedMessage = message<ConnectionMail & { note: string; answerBy: string }>(
  'connection-requested',
  'A request to see your documents',
  typed(({ other, note, answerBy }) => [
    `${other} asks you to share your documents with them.`,
    ...theirMessage(note),
    'Nothing is shared until you accept and choose the documents. You can also decline.',
    answerByLine(answerBy),
  ]),
  open,
)

export const connectionAcceptedMessage = message<ConnectionMail>(
  'connection-accepted',
  'Your connection has been accepted',
  typed(({ other, accessUntil }) => [`${other} has accepted your connection. It is active until ${accessUntil}.`]),
  open,
)

export const connectionDeclinedMessage = message<ConnectionMail>('connection-declined', 'Your connection was declined', typed(({ other }) => [`${other} has declined your connection.`]), list)

export const connectionExtendedMessage = message<ConnectionMail>(
  'connection-extended',
  'Your access to shared documents has been extended',
  typed(({ other, accessUntil }) => [`${other} has extended your access to their documents until ${accessUntil}.`]),
  open,
)

export const connectionShortenedMessage = message<ConnectionMail>(
  'connection-shortened',
  'Your access to shared documents has been shortened',
  typed(({ other, accessUntil }) => [`${other} has changed your access to their documents: it now ends on ${accessUntil}.`]),
  open,
)

export const connectionDocumentsChangedMessage = message<ConnectionMail & { documents: number }>(
  'connection-documents-changed',
  'The documents shared with you have changed',
  typed(({ other, documents }) => [`${other} has changed the documents they share with you. ${documents === 1 ? 'One document is' : `${documents} documents are`} shared now.`]),
  open,
)

export const connectionExtensionRequestedMessage = message<ConnectionMail & { until: string; note: string }>(
  'connection-extension-requested',
  'A request for longer access to your documents',
  typed(({ other, until, accessUntil, note }) => [
    `${other} asks to see your shared documents until ${until} (today they can until ${accessUntil}).`,
    ...theirMessage(note),
    'Approve or decline the request on the connection’s page.',
  ]),
  open,
)

export const connectionExtensionApprovedMessage = message<ConnectionMail>(
  'connection-extension-approved',
  'Your extension request was approved',
  typed(({ other, accessUntil }) => [`${other} has approved your request. You can see the shared documents until ${accessUntil}.`]),
  open,
)

export const connectionExtensionDeclinedMessage = message<ConnectionMail>(
  'connection-extension-declined',
  'Your extension request was declined',
  typed(({ other, accessUntil }) => [`${other} has declined your request for longer access. Your access still ends on ${accessUntil}.`]),
  open,
)

export const connectionCancelledMessage = message<ConnectionMail & { bySupport: boolean }>(
  'connection-cancelled',
  'A connection has been cancelled',
  typed(({ other, bySupport }) => [
    bySupport ? `Our support team has cancelled the connection between you and ${other}, as the learner asked.` : `${other} has cancelled the connection with you.`,
    'The shared documents can no longer be seen through it.',
  ]),
  list,
)

export const connectionDeletedMessage = message<ConnectionMail>(
  'connection-deleted',
  'A learner has stopped sharing documents with you',
  typed(({ other }) => [`${other} has deleted the connection with you. You can no longer see the documents they shared.`]),
  list,
)

export const connectionExpiredMessage = message<ConnectionMail>(
  'connection-expired',
  'A connection’s access date has passed',
  typed(({ other, accessUntil }) => [`The connection with ${other} ended on ${accessUntil}, its access date. The documents are no longer shared through it.`]),
  list,
)

/** To the side that made a connection nobody answered in time. `other` is whom it was made out to, as that side typed or named it. */
export const connectionLapsedMessage = message<ConnectionMail>(
  'connection-lapsed',
  'A connection was not answered in time',
  typed(({ other, accessUntil }) => [
    `Your connection with ${other} was not answered by ${accessUntil}, so it has lapsed. Nothing was shared through it.`,
    'If you still want to connect, make a new connection.',
  ]),
  list,
)
