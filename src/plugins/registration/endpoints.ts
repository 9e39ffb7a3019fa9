import { addDataAndFileToRequest, type Endpoint } from 'payload'

import { closestCandidates } from './closestCandidates'
import { decideRegistration, ReviewError, type ReviewDecision } from './review'

/** POST /api/accounts/:id/review { action, candidate?, message? }: support staff decide a registration. */
export const reviewEndpoint: Endpoint = {
  path: '/:id/review',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const body = (req.data ?? {}) as Partial<ReviewDecision> & { candidate?: number | string; message?: string }
    if (!['approve', 'request-information', 'reject'].includes(String(body.action)))
      return Response.json({ error: 'Choose approve, request-information or reject.' }, { status: 400 })
    try {
      await decideRegistration(req, String(req.routeParams?.id), {
        action: body.action,
        candidate: body.candidate ?? '',
        message: body.message ?? '',
      } as ReviewDecision)
      return Response.json({ ok: true })
    } catch (error) {
      if (error instanceof ReviewError) return Response.json({ error: error.message }, { status: error.status })
      throw error
    }
  },
}

/** GET /api/accounts/:id/review-candidates: the records most like this registration, closest first. */
export const closestCandidatesEndpoint: Endpoint = {
  path: '/:id/review-candidates',
  method: 'get',
  handler: async (req) => {
    try {
      return Response.json({ candidates: await closestCandidates(req, String(req.routeParams?.id)) })
    } catch (error) {
      if (error instanceof ReviewError) return Response.json({ error: error.message }, { status: error.status })
      throw error
    }
  },
}
