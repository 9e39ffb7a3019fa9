import { APIError, type CollectionAfterChangeHook, type CollectionBeforeChangeHook } from 'payload'

import { isPortalAccount, isStaffUser, relationId } from '../../access/users'
import { queueEmail } from '../../email/queue'
import type { Enquiry } from '../../payload-types'
import { enquiryReceivedMessage, enquiryReplyMessage, enquiryStatusMessage } from './emails'

type Message = NonNullable<Enquiry['messages']>[number]

/**
 * A portal account reports a problem on a document it can read: the report is theirs, open,
 * and starts with their message. Whatever else they send is ignored.
 */
export const shapeReport: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || !isPortalAccount(req.user)) return data
  const body = String((data.messages as Message[] | undefined)?.[0]?.body ?? '').trim()
  if (body.length < 10) throw new APIError('Tell us what is wrong, in at least 10 characters.', 400, undefined, true)
  const documentId = relationId(data.document)
  const document = documentId === null ? null : await req.payload.findByID({ collection: 'documents', id: documentId, depth: 0, req, overrideAccess: false, disableErrors: true })
  if (!document) throw new APIError('No such document.', 404, undefined, true)
  return {
    subject: `Problem with ${document.reference}`,
    reporter: req.user.id,
    document: document.id,
    status: 'open',
    messages: [{ from: 'reporter', body: body.slice(0, 5000), sentAt: new Date().toISOString() }],
  }
}

/**
 * The conversation only grows: messages already sent stay as they were, in their order, and
 * support staff's new ones follow, signed with their name and dated now.
 */
export const stampSupportReplies: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  if (!isStaffUser(req.user) || !Array.isArray(data.messages)) return data
  const sent = (originalDoc?.messages as Message[] | undefined) ?? []
  const known = new Set(sent.map((m) => m.id))
  const replies = (data.messages as Message[]).filter((m) => !m.id || !known.has(m.id))
  data.messages = [...sent, ...replies.map((m) => ({ ...m, from: 'support', author: (req.user as { name?: string }).name ?? 'Support team', sentAt: new Date().toISOString() }))]
  return data
}

/** The reporter hears of every new report, reply and status change, by email. */
export const tellReporter: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  const reporterId = relationId(doc.reporter)
  if (reporterId === null) return doc
  const reporter = await req.payload.findByID({ collection: 'accounts', id: reporterId, depth: 0, req, overrideAccess: true, disableErrors: true })
  if (!reporter) return doc
  const about = { firstName: reporter.firstName, subject: doc.subject, enquiry: doc.id }
  const send = <D,>(template: Parameters<typeof queueEmail<D>>[1]['template'], data: D) => queueEmail(req, { template, to: reporter.email, data })
  if (operation === 'create') {
    await send(enquiryReceivedMessage, about)
    return doc
  }
  const before = new Set((previousDoc?.messages as Message[] | undefined)?.map((m) => m.id))
  for (const reply of (doc.messages as Message[]).filter((m) => m.from === 'support' && !before.has(m.id))) await send(enquiryReplyMessage, { ...about, reply: reply.body })
  if (previousDoc?.status && previousDoc.status !== doc.status) await send(enquiryStatusMessage, { ...about, status: doc.status })
  return doc
}
