import { addDataAndFileToRequest, type Endpoint } from 'payload'

import { supportStaff } from '../../access/rules'
import type { Enquiry } from '../../payload-types'

const STATUSES = ['open', 'in-progress', 'resolved']

/** POST /api/enquiries/:id/reply { message?, status? }: support staff answer from the admin. */
export const replyEndpoint: Endpoint = {
  path: '/:id/reply',
  method: 'post',
  handler: async (req) => {
    if (!(await supportStaff({ req } as never))) return Response.json({ error: 'Only support staff can reply.' }, { status: 403 })
    await addDataAndFileToRequest(req)
    const body = (req.data ?? {}) as { message?: unknown; status?: unknown }
    const message = String(body.message ?? '').trim()
    const status = String(body.status ?? '')
    if (!message && !status) return Response.json({ error: 'Write a reply or choose a new status.' }, { status: 400 })
    if (message.length > 5000) return Response.json({ error: 'Keep the reply to 5,000 characters.' }, { status: 400 })
    if (status && !STATUSES.includes(status)) return Response.json({ error: 'Choose open, in progress or resolved.' }, { status: 400 })
    const enquiry = await req.payload.findByID({ collection: 'enquiries', id: String(req.routeParams?.id), depth: 0, req, overrideAccess: false, disableErrors: true })
    if (!enquiry) return Response.json({ error: 'No such enquiry.' }, { status: 404 })
    const messages = [...(enquiry.messages ?? []), ...(message ? [{ from: 'support', body: message, sentAt: new Date().toISOString() }] : [])] as Enquiry['messages']
    await req.payload.update({ collection: 'enquiries', id: enquiry.id, data: { messages, ...(status ? { status: status as Enquiry['status'] } : {}) }, req, overrideAccess: false })
    return Response.json({ ok: true })
  },
}
