import { portalPayload } from '../payload'
import { readableDocument } from './data'
import { badgeResponse, pdfResponse } from './render'

const notFound = () => new Response('Not found', { status: 404, headers: { 'Cache-Control': 'private, no-store', 'Content-Type': 'text/plain; charset=utf-8' } })

/**
 * GET /documents/:id/pdf and /documents/:id/badge: rendered for whoever may read the
 * document under the collection's rules; anyone else (or no one signed in) gets 404.
 */
export function documentFileRoute(kind: 'pdf' | 'badge') {
  return async (request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
    const payload = await portalPayload()
    const { user } = await payload.auth({ headers: request.headers })
    if (!user) return notFound()
    const printable = await readableDocument({ payload, user }, (await params).id)
    if (!printable) return notFound()
    if (kind === 'badge') return printable.document.type === 'badge' ? badgeResponse(payload, printable) : notFound()
    return printable.document.type === 'badge' ? notFound() : pdfResponse(payload, printable)
  }
}
