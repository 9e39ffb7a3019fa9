import type { Payload } from 'payload'

import { relationId } from '../../access/users'
import { formatUkDate } from '../../lib/dates'
import { checkPersonalDetails } from '../../lib/profile'
import { asAccount, hasErrors, type FormResult, type SignedInAccount } from './account'

/** Saves what a person may change of their personal details (see `checkPersonalDetails`). */
export async function updatePersonalDetails(payload: Payload, account: SignedInAccount, form: Record<string, string>): Promise<FormResult> {
  const { errors, values } = checkPersonalDetails(form, account.kind)
  if (hasErrors(errors)) return { ok: false, errors }
  await payload.update({ collection: 'accounts', id: account.id, data: { ...values, phone: values.phone || null }, ...asAccount(account) })
  return { ok: true }
}

export type RecordDetails = { name: string; candidateNumber: string; dateOfBirth: string; fromRecord: boolean }

/**
 * A learner's record details, shown read-only: from their candidate record once the
 * account is linked to it, otherwise as they gave them when registering.
 */
export async function learnerRecordDetails(payload: Payload, account: SignedInAccount): Promise<RecordDetails> {
  const candidateId = relationId(account.candidate)
  if (candidateId !== null) {
    const record = await payload
      .findByID({ collection: 'candidates', id: candidateId, ...asAccount(account), select: { candidateNumber: true, firstName: true, middleNames: true, surname: true, dateOfBirth: true } })
      .catch(() => null)
    if (record)
      return {
        name: [record.firstName, record.middleNames, record.surname].filter(Boolean).join(' '),
        candidateNumber: record.candidateNumber,
        dateOfBirth: formatUkDate(record.dateOfBirth),
        fromRecord: true,
      }
  }
  const given = account.registration
  return {
    name: `${account.firstName} ${account.lastName}`,
    candidateNumber: given?.candidateNumber || (given?.dontKnowNumber ? 'Not known when you registered' : ''),
    dateOfBirth: given?.dateOfBirth ? formatUkDate(given.dateOfBirth) : '',
    fromRecord: false,
  }
}
