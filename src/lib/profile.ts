import { checkNewPassword } from './passwords'

export type FieldErrors = Record<string, string>
type Form = Record<string, string | undefined>

const text = (form: Form, name: string) => (form[name] ?? '').trim().replace(/\s+/g, ' ')
const NAME = /^[\p{L}\p{M}' ’.\-]{1,100}$/u

/** A telephone number with its country code: + and 7 to 15 digits, spaces, brackets and hyphens allowed. */
export function checkPhone(typed: string): string | true {
  if (!typed) return true
  const digits = typed.replace(/\D/g, '')
  if (!/^\+[0-9 ()-]+$/.test(typed) || digits.length < 7 || digits.length > 15)
    return 'Enter a telephone number with its country code, like +44 7700 900982.'
  return true
}

/**
 * The personal details a person may change in their profile. A learner changes only their
 * telephone number (their name and date of birth come from their record); a third party
 * also their name, company and job title.
 */
export function checkPersonalDetails(form: Form, kind: 'learner' | 'third-party') {
  const errors: FieldErrors = {}
  const phone = text(form, 'phone')
  const phoneCheck = checkPhone(phone)
  if (phoneCheck !== true) errors.phone = phoneCheck
  if (kind === 'learner') return { errors, values: { phone } as Record<string, string> }

  const readName = (field: string, label: string) => {
    const value = text(form, field)
    if (!value) errors[field] = `Enter your ${label}.`
    else if (!NAME.test(value)) errors[field] = `Your ${label} can contain letters, spaces, hyphens and apostrophes only.`
    return value
  }
  const firstName = readName('firstName', 'first name')
  const lastName = readName('lastName', 'last name')
  const companyName = text(form, 'companyName')
  const jobTitle = text(form, 'jobTitle')
  if (!companyName) errors.companyName = 'Enter the name of your company or organisation.'
  else if (companyName.length > 200) errors.companyName = 'The company name must be 200 characters or fewer.'
  if (!jobTitle) errors.jobTitle = 'Enter your job title.'
  else if (jobTitle.length > 200) errors.jobTitle = 'The job title must be 200 characters or fewer.'
  return { errors, values: { firstName, lastName, companyName, jobTitle, phone } as Record<string, string> }
}

/** The change-password form: current password given, new one good enough, typed twice the same. */
export function checkPasswordChange(form: Form, { email }: { email: string }) {
  const errors: FieldErrors = {}
  const currentPassword = form.currentPassword ?? ''
  const password = form.password ?? ''
  if (!currentPassword) errors.currentPassword = 'Enter your current password.'
  const rule = checkNewPassword(password, { email })
  if (rule !== true) errors.password = rule
  else if (password === currentPassword) errors.password = 'Your new password must be different from your current password.'
  else if (password !== (form.confirmPassword ?? '')) errors.confirmPassword = 'The new passwords do not match.'
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
