import { signInPath } from '../../lib/returnPath'
import { portalPayload } from '../payload'
import type { SignedInUser } from '../../access/users'
import { recordThirdPartyView, sharedViewLine } from '../../plugins/connections'
import { sessionUser } from '../../plugins/registration'
import { readableDocument, verifyUrlOf } from './data'
import { badgeResponse, pdfResponse } from './render'

const notFound = () => new Response('Not found', { status: 404, headers: { 'Cache-Control': 'private, no-store', 'Content-Type': 'text/plain; charset=utf-8' } })
const signInFirst = (returnTo: string) => new Response(null, { status: 303, headers: { Location: signInPath(returnTo), 'Cache-Control': 'private, no-store' } })

/**
 * GET /documents/:id/pdf and /documents/:id/badge: rendered for whoever may read the
 * document under the collection's rules. No one signed in (or a session that has ended) is
 * sent to sign in and brought back here; an account that may not read it gets 404.
 */
export function documentFileRoute(kind: 'pdf' | 'badge') {
  return async (request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
    const payload = await portalPayload()
    const user = await sessionUser(payload, request.headers)
    const id = (await params).id
    if (!user) return signInFirst(`/documents/${encodeURIComponent(id)}/${kind}`)
    const printable = await readableDocument({ payload, user }, id)
    if (!printable || (kind === 'badge') !== (printable.document.type === 'badge')) return notFound()
    const shared = await recordThirdPartyView(payload, user as SignedInUser, printable.document.id)
    if (kind === 'badge') return badgeResponse(payload, printable)
    return pdfResponse(payload, printable, { sharedView: shared && sharedViewLine(shared, verifyUrlOf(printable.document)) })
  }
}
