import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { isActivePortalAccount, type SignedInUser } from '../../access/users'
import { formatAccessUntil } from '../../lib/dates'
import { sharedWithThirdPartyNow } from './sql'

type Grant = { learner_first: string; learner_last: string; third_party_name: string; third_party_company: string | null; access_until: Date }

const drizzle = (payload: Payload) => (payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<{ rows: Record<string, unknown>[] }> } }).drizzle

/** The connections of this third party that let it see this document now, with their learner (the documents' read rule's own statement). */
const granting = (thirdParty: number | string, document: number | string) => sql`${sharedWithThirdPartyNow(Number(thirdParty))} and r.documents_id = ${Number(document)}`

/** "Shared with Acme Ltd by Sam Jones · access until 31/01/2027 · check it live at …": printed on a third party's copy. */
export const sharedViewLine = (grant: { sharedWith: string; learner: string; accessUntil: string }, verifyUrl: string) =>
  `Shared with ${grant.sharedWith} by ${grant.learner} · access until ${grant.accessUntil} · check it live at ${verifyUrl}`

/**
 * System task, once the documents rule has let a third party open a document: counts the view
 * on each connection that shares it (one atomic upsert, so concurrent views all count) for the
 * learner's view receipts, and says whose the document is and until when, for the shared copy.
 */
export async function recordThirdPartyView(
  payload: Payload,
  user: SignedInUser | null,
  documentId: number | string,
): Promise<{ sharedWith: string; learner: string; accessUntil: string } | null> {
  if (!isActivePortalAccount(user) || user.kind !== 'third-party') return null
  const db = drizzle(payload)
  await db.execute(sql`insert into connection_views (connection_id, document_id, views, last_viewed_at)
    select c.id, ${Number(documentId)}, 1, now() ${granting(user.id, documentId)}
    on conflict (connection_id, document_id) do update set views = connection_views.views + 1, last_viewed_at = excluded.last_viewed_at, updated_at = now()`)
  const { rows } = await db.execute(sql`select l.first_name as learner_first, l.last_name as learner_last, c.third_party_name, c.third_party_company, c.access_until
    ${granting(user.id, documentId)} order by c.access_until desc limit 1`)
  const grant = rows[0] as Grant | undefined
  if (!grant) return null
  return {
    sharedWith: grant.third_party_company || grant.third_party_name,
    learner: `${grant.learner_first} ${grant.learner_last}`.trim(),
    accessUntil: formatAccessUntil(grant.access_until),
  }
}
