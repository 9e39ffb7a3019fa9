import type { PayloadRequest } from 'payload'

import { staffHasRole } from '../../access/users'
import { normaliseCandidateNumber } from '../../lib/candidateNumber'
import { closeness, compareWithRecord, type ComparedDetail } from '../../lib/matching'
import { findOrNull, ReviewError } from './review'

export type CandidateSuggestion = {
  id: number | string
  candidateNumber: string
  firstName: string
  middleNames?: string | null
  surname: string
  dateOfBirth: string
  centre?: string | null
  closeness: number
  /** Each detail matching uses: the registration's beside this record's, and whether they match. */
  comparison: ComparedDetail[]
  linkedAccount: boolean
}

/** The candidate records most like a registration: same number, same date of birth or same surname. */
export async function closestCandidates(req: PayloadRequest, accountId: number | string): Promise<CandidateSuggestion[]> {
  const { payload, user } = req
  if (!staffHasRole(user, ['administrator', 'support'])) throw new ReviewError('Only support staff review registrations.', 403)
  const as = { overrideAccess: false, user, req, depth: 0 } as const
  const account = await findOrNull(payload, 'accounts', accountId, as)
  if (!account) throw new ReviewError('That registration was not found.', 404)
  const given = {
    candidateNumber: account.registration?.candidateNumber ?? '',
    firstName: account.firstName,
    surname: account.lastName,
    dateOfBirth: account.registration?.dateOfBirth ?? '',
  }
  const number = given.candidateNumber ? normaliseCandidateNumber(given.candidateNumber) : ''
  const { docs } = await payload.find({
    collection: 'candidates',
    where: {
      or: [
        ...(number ? [{ candidateNumberNormalised: { equals: number } }] : []),
        ...(given.dateOfBirth ? [{ dateOfBirth: { equals: given.dateOfBirth } }] : []),
        { surname: { like: given.surname.trim().split(/[\s'’-]+/).filter(Boolean).sort((a, b) => b.length - a.length)[0] ?? given.surname } },
      ],
    },
    limit: 50,
    ...as,
  })
  const linked = await payload.find({
    collection: 'accounts',
    where: { candidate: { in: docs.map((d) => d.id) } },
    select: { candidate: true },
    pagination: false,
    ...as,
  })
  const linkedIds = new Set(linked.docs.map((a) => String(typeof a.candidate === 'object' ? a.candidate?.id : a.candidate)))
  return docs
    .map((c) => {
      const comparison = compareWithRecord(given, c)
      return {
        id: c.id,
        candidateNumber: c.candidateNumber,
        firstName: c.firstName,
        middleNames: c.middleNames,
        surname: c.surname,
        dateOfBirth: c.dateOfBirth,
        centre: c.centre,
        closeness: closeness(comparison),
        comparison,
        linkedAccount: linkedIds.has(String(c.id)),
      }
    })
    .filter((c) => c.closeness > 0)
    .sort((a, b) => b.closeness - a.closeness)
    .slice(0, 10)
}
