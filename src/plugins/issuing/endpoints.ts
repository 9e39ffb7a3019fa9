import { addDataAndFileToRequest, type Endpoint, type PayloadRequest } from 'payload'

import { supportStaff } from '../../access/rules'
import { IssuingError, reissueDocument, revokeDocument } from './revokeReissue'

const reasonOf = (req: PayloadRequest) => String((req.data as { reason?: unknown } | undefined)?.reason ?? '')

function staffAction(path: string, act: (req: PayloadRequest, id: string, reason: string) => Promise<{ id: number | string }>): Endpoint {
  return {
    path,
    method: 'post',
    handler: async (req) => {
      // The Local API calls below check access too; this gives a clear answer first.
      if (!(await supportStaff({ req } as never))) return Response.json({ error: 'Only support staff can do this.' }, { status: 403 })
      await addDataAndFileToRequest(req)
      try {
        const document = await act(req, String(req.routeParams?.id), reasonOf(req))
        return Response.json({ ok: true, id: document.id })
      } catch (error) {
        if (error instanceof IssuingError) return Response.json({ error: error.message }, { status: error.status })
        throw error
      }
    },
  }
}

/** POST /api/documents/:id/revoke { reason } */
export const revokeEndpoint = staffAction('/:id/revoke', revokeDocument)
/** POST /api/documents/:id/reissue { reason? } */
export const reissueEndpoint = staffAction('/:id/reissue', reissueDocument)
