'use server'

import { redirect } from 'next/navigation'

import { recordId } from '../../lib/ids'
import { portalPayload, signedInUser } from '../payload'

export type ReportState = { message?: string; error?: string }

/** Report a problem with a document: as the signed-in account, which the collection checks. */
export async function reportProblem(_previous: ReportState, data: FormData): Promise<ReportState> {
  const user = await signedInUser()
  if (!user || user.collection !== 'accounts') redirect('/sign-in')
  const message = String(data.get('message') ?? '').trim()
  if (message.length < 10) return { message, error: 'Tell us what is wrong, in at least 10 characters.' }
  if (message.length > 5000) return { message, error: 'Keep your message to 5,000 characters.' }
  const documentId = recordId(data.get('document'))
  if (documentId === null) return { message, error: 'We could not find that document.' }
  const payload = await portalPayload()
  let id: number | string
  try {
    const enquiry = await payload.create({
      collection: 'enquiries',
      // The collection makes the report this account's, open, about a document it can read.
      data: { subject: 'Report', reporter: user.id, document: documentId, status: 'open', messages: [{ from: 'reporter', body: message, sentAt: new Date().toISOString() }] },
      overrideAccess: false,
      user,
    })
    id = enquiry.id
  } catch (error) {
    return { message, error: (error as { status?: number }).status === 404 ? 'We could not find that document.' : 'Your report could not be sent. Please try again.' }
  }
  redirect(`/enquiries/${id}?sent=1`)
}
