import type { Payload } from 'payload'

import { isActiveLearner, isPortalAccount, relationId } from '../../access/users'
import { formatUkDate } from '../../lib/dates'
import { recordId } from '../../lib/ids'
import { serverURL } from '../../lib/env'
import { documentStatus, type ShownStatus } from '../../lib/verify'
import type { Achievement, Candidate, Document, Qualification } from '../../payload-types'
import { AS_SYSTEM } from '../../access/system'

type Reader = { payload: Payload; user: NonNullable<Awaited<ReturnType<Payload['auth']>>['user']> }

export type AchievementWithDocuments = { achievement: Achievement; qualification: Qualification | null; documents: Document[] }

/**
 * The signed-in learner's achievements, newest first, each with its documents: two queries,
 * both as the learner, so the collections' access rules decide what is there.
 */
export async function myAchievements({ payload, user }: Reader): Promise<{ candidate: Candidate | null; achievements: AchievementWithDocuments[] }> {
  const as = { overrideAccess: false, user } as const
  const candidateId = relationId((user as { candidate?: unknown }).candidate)
  // Until approved (or once suspended) the collections refuse the account outright: nothing to ask them.
  if (candidateId === null || !isActiveLearner(user)) return { candidate: null, achievements: [] }
  const [candidate, achievements] = await Promise.all([
    payload.findByID({ collection: 'candidates', id: candidateId, depth: 0, disableErrors: true, ...as }),
    payload.find({ collection: 'achievements', sort: '-issueDate', limit: 500, pagination: false, depth: 1, joins: { documents: false }, ...as }),
  ])
  const ids = achievements.docs.map((a) => a.id)
  const documents = ids.length
    ? (await payload.find({ collection: 'documents', where: { achievement: { in: ids } }, sort: 'type', limit: 5000, pagination: false, depth: 0, ...as })).docs
    : []
  return {
    candidate: candidate ?? null,
    achievements: achievements.docs.map((achievement) => ({
      achievement,
      qualification: typeof achievement.qualification === 'object' ? (achievement.qualification as Qualification) : null,
      documents: documents.filter((d) => relationId(d.achievement) === achievement.id),
    })),
  }
}

export type Printable = { document: Document; achievement: Achievement; qualification: Qualification; candidate: Candidate }

/** A document with what it prints besides itself (its achievement with its qualification, and its holder); null if any is missing. */
export function printable(document: Document, achievement: Achievement | null, candidate: Candidate | null): Printable | null {
  if (!achievement || !candidate || typeof achievement.qualification !== 'object') return null
  return { document, achievement, qualification: achievement.qualification as Qualification, candidate }
}

/** One document with everything it prints, read as `user`; null when it is not theirs to read. */
export async function readableDocument({ payload, user }: Reader, typedId: string): Promise<Printable | null> {
  const id = recordId(typedId)
  if (id === null) return null
  const asUser = { depth: 0, disableErrors: true, overrideAccess: false, user } as const
  const document = await payload.findByID({ collection: 'documents', id, ...asUser })
  if (!document) return null
  if (isPortalAccount(user) && user.kind === 'third-party') return sharedDocumentPrintable(payload, user, document)
  const candidateId = relationId(document.candidate)
  const [achievement, candidate] = await Promise.all([
    payload.findByID({ collection: 'achievements', id: relationId(document.achievement)!, ...asUser, depth: 1 }),
    candidateId === null ? null : payload.findByID({ collection: 'candidates', id: candidateId, ...asUser }),
  ])
  return printable(document, achievement, candidate)
}

/**
 * System task: a document shared with a third party, with the records it prints besides itself
 * (its achievement, qualification and holder), which stay closed to third parties. Its own
 * check, first: the document is read again as this third party, so the documents rule says it
 * is shared with them at this moment; only what the document prints reaches the caller.
 */
async function sharedDocumentPrintable(payload: Payload, thirdParty: Reader['user'], document: Document): Promise<Printable | null> {
  const stillShared = await payload.findByID({ collection: 'documents', id: document.id, select: {}, depth: 0, disableErrors: true, overrideAccess: false, user: thirdParty })
  if (!stillShared) return null
  const asSystem = { ...AS_SYSTEM, disableErrors: true } as const
  const candidateId = relationId(document.candidate)
  const [achievement, candidate] = await Promise.all([
    payload.findByID({ collection: 'achievements', id: relationId(document.achievement)!, ...asSystem, depth: 1 }),
    candidateId === null ? null : payload.findByID({ collection: 'candidates', id: candidateId, ...asSystem }),
  ])
  return printable(document, achievement, candidate)
}

export const verifyUrlOf = (document: Pick<Document, 'verificationCode'>) => `${serverURL()}/verify/${document.verificationCode}`

export const fullNameOf = (candidate: Pick<Candidate, 'firstName' | 'middleNames' | 'surname'>) =>
  [candidate.firstName, candidate.middleNames, candidate.surname].filter(Boolean).join(' ')

export const ukDate = (value?: string | null) => (value ? formatUkDate(value) : '')

/** The status a document is shown with: its own, or expired once its achievement's expiry date has passed (lib/verify). */
export const shownStatusOf = (document: Pick<Document, 'status'>, achievement: Pick<Achievement, 'expiryDate'>, now: Date): ShownStatus =>
  documentStatus({ status: document.status, expiryDate: achievement.expiryDate }, now)
