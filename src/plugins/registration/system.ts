import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

/** A request acting as the system (no user), for audit entries written by registration itself. */
export async function systemRequest(payload: Payload): Promise<PayloadRequest> {
  return createLocalReq({}, payload)
}
