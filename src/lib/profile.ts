import { checkNewPassword } from './passwords'
import { parsePhone } from './phone'
import { checkThirdPartyIdentity } from './registration'

export type FieldErrors = Record<string, string>
type Form = Record<string, string | undefined>

const text = (form: Form, name: string) => (form[name] ?? '').trim().replace(/\s+/g, ' ')

/**
 * The personal details a person may change in their profile. A learner changes only their
 * telephone number (their name and date of birth come from their record); a third party
 * also their name, company and job title. The number is stored in E.164.
 */
export function checkPersonalDetails(form: Form, kind: 'learner' | 'third-party') {
  const errors: FieldErrors = {}
  const typedPhone = text(form, 'phone')
  const parsed = typedPhone ? parsePhone(typedPhone) : null
  if (parsed && !parsed.ok) errors.phone = parsed.error
  const phone = parsed?.ok ? parsed.e164 : ''
  if (kind === 'learner') return { errors, values: { phone } as Record<string, string> }
  const identity = checkThirdPartyIdentity(form, errors)
  return { errors, values: { ...identity, phone } as Record<string, string> }
}

/** The change-password form: current password given, new one good enough, typed twice the same; every problem at once. */
export function checkPasswordChange(form: Form, { email }: { email: string }) {
  const errors: FieldErrors = {}
  const currentPassword = form.currentPassword ?? ''
  const password = form.password ?? ''
  if (!currentPassword) errors.currentPassword = 'Enter your current password.'
  const rule = checkNewPassword(password, { email })
  if (rule !== true) errors.password = rule
  else if (password === currentPassword) errors.password = 'Your new password must be different from your current password.'
  if (password && password !== (form.confirmPassword ?? '')) errors.confirmPassword = 'The new passwords do not match.'
  const signOutOthers = form.signOutOthers === 'on' || form.signOutOthers === 'true'
  return { errors, values: { currentPassword, password, signOutOthers } }
}

export type OrderForDeletion = { status?: string | null; paidAt?: string | null }

/**
 * What happens to an order when its account is deleted. The order stays (the sale is a
 * record we must keep for tax and accounts) without its link to the account:
 * - the billing address stays with a paid order (it is part of the sales record) and goes
 *   from one never paid;
 * - the delivery address stays only while the order still has to be printed or posted;
 * - an order still awaiting payment can no longer be paid, so it is cancelled.
 */
export function orderAfterAccountDeletion(order: OrderForDeletion): { cancel: boolean; clearBilling: boolean; clearDelivery: boolean } {
  const stillToSend = order.status === 'paid' || order.status === 'printed'
  return {
    cancel: order.status === 'awaiting-payment',
    clearBilling: !order.paidAt,
    clearDelivery: !stillToSend,
  }
}
