import { createLocalReq, type Payload } from 'payload'

import { recordAudit } from '../../collections/AuditLog/auditTrail'
import { inTransaction } from '../../collections/transaction'
import { removeErasedPhotoFiles, type ErasureSummary } from '../../collections/Accounts/hooks/erasePersonalData'
import { queueEmail } from '../../email/queue'
import { accountDeletedEmail } from '../../email/templates/profile'
import type { FieldErrors } from '../../lib/profile'
import type { SignedInAccount } from './account'
import { confirmPassword, tooManyTries } from './password'

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * System task: deletes the signed-in account at its holder's request. Accounts can otherwise
 * be deleted by administrators only. Access check: the holder's password, confirmed just
 * before by `confirmPassword` (the `confirmed` argument is its answer). The account's hook
 * (`erasePersonalData`) removes its photo, connections and enquiries and keeps its orders
 * without it; all of it in one transaction with the audit entry and the email telling the
 * holder, so a failure changes nothing.
 */
async function systemDeleteAccountForHolder(payload: Payload, account: SignedInAccount, confirmed: { ok: boolean }): Promise<ErasureSummary> {
  if (!confirmed.ok || account.collection !== 'accounts') throw new Error('An account is deleted for its holder only once their password is confirmed.')
  const accountId = account.id
  // The photo files are removed once the transaction has committed, below.
  const req = await createLocalReq({ context: { keepErasedPhotoFiles: true } }, payload)
  const summary = await inTransaction(req, async () => {
    await payload.delete({ collection: 'accounts', id: accountId, overrideAccess: true, req })
    const summary = req.context.erasure as ErasureSummary
    await recordAudit(req, {
      action: 'accounts.deleted-by-holder',
      entity: 'accounts',
      entityId: accountId,
      summary: `The account holder deleted their account, confirming it with their password. Kept without the account: ${plural(summary.ordersKept, 'order')}. Removed: ${plural(summary.photos, 'photo')}, ${plural(summary.connections, 'connection')}, ${plural(summary.enquiries, 'enquiry', 'enquiries')}.`,
    })
    await queueEmail(req, { template: accountDeletedEmail, to: account.email, data: { firstName: account.firstName, ordersKept: summary.ordersKept } })
    return summary
  })
  await removeErasedPhotoFiles(req.context)
  return summary
}

export type DeletionResult = { ok: true; summary: ErasureSummary } | { ok: false; errors: FieldErrors }

/** "Delete my account", confirmed with the account's password. A wrong password changes nothing. */
export async function deleteOwnAccount(payload: Payload, account: SignedInAccount, form: Record<string, string>, { ip = 'unknown' } = {}): Promise<DeletionResult> {
  const password = form.password ?? ''
  if (!password) return { ok: false, errors: { password: 'Enter your password to confirm that you want to delete your account.' } }
  const confirmed = await confirmPassword(payload, account, password, ip)
  if (!confirmed.ok)
    return {
      ok: false,
      errors: { password: confirmed.reason === 'throttled' ? tooManyTries(confirmed.waitMinutes) : 'The password is not right. Your account has not been deleted.' },
    }
  const summary = await systemDeleteAccountForHolder(payload, account, confirmed)
  return { ok: true, summary }
}
