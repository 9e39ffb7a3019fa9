import type { CollectionBeforeChangeHook } from 'payload'

import { relationId } from '../../../access/users'
import { newReference, newVerificationCode } from '../../../lib/codes'

/**
 * Gives a new document its reference and verification code, and copies from its
 * achievement the candidate (which read access keys on) and, when blank, the issue date.
 */
export const fillIssueDetails: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  data.verificationCode = newVerificationCode()
  data.reference ||= newReference()
  const achievement = await req.payload.findByID({
    collection: 'achievements',
    id: relationId(data.achievement)!,
    depth: 0,
    select: { candidate: true, issueDate: true },
    req,
  })
  data.candidate = relationId(achievement.candidate)
  data.issueDate ||= achievement.issueDate
  return data
}
