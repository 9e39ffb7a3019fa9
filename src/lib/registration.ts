import { CANDIDATE_NUMBER_PATTERN, normaliseCandidateNumber } from './candidateNumber'
import { countryProblem } from './countries'
import { readUkDate, tooLong } from './formats'
import { checkNewPassword } from './passwords'
import { DEFAULT_PHONE_COUNTRY, parsePhone } from './phone'

export type FieldErrors = Record<string, string>
type Form = Record<string, string | undefined>

const text = (form: Form, name: string) => (form[name] ?? '').trim()
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const NAME = /^[\p{L}\p{M}' ’.\-]+$/u
export const NAME_MAX = 100
const capitalised = (label: string) => label.charAt(0).toUpperCase() + label.slice(1)

/** Reads a name field, recording in `errors` what is wrong with it. */
export function readName(form: Form, field: string, label: string, errors: FieldErrors): string {
  const value = text(form, field)
  if (!value) errors[field] = `Enter your ${label}.`
  else if (value.length > NAME_MAX) errors[field] = tooLong(`Your ${label}`, NAME_MAX)
  else if (!NAME.test(value)) errors[field] = `Your ${label} can contain letters, spaces, hyphens and apostrophes only.`
  return value
}

/** Reads an optional or required text field with a length limit. */
export function readText(form: Form, field: string, label: string, max: number, errors: FieldErrors, { required }: { required?: string } = {}): string {
  const value = text(form, field)
  if (!value && required) errors[field] = required
  else if (value.length > max) errors[field] = tooLong(capitalised(label), max)
  return value
}

/** Step 1 of learner registration: who you are, and consent to the privacy policy. */
export function checkEligibility(form: Form, today: Date) {
  const errors: FieldErrors = {}
  const dontKnowNumber = form.dontKnowNumber === 'on' || form.dontKnowNumber === 'true'
  const candidateNumber = text(form, 'candidateNumber')
  if (!dontKnowNumber) {
    if (!candidateNumber) errors.candidateNumber = 'Enter your candidate or membership number, or tick “I don’t know my candidate or membership number”.'
    else if (candidateNumber.length > 20) errors.candidateNumber = tooLong('Your candidate or membership number', 20)
    else if (!CANDIDATE_NUMBER_PATTERN.test(candidateNumber) || normaliseCandidateNumber(candidateNumber) === '')
      errors.candidateNumber = 'Enter your candidate or membership number as it is printed on your certificate: letters and digits only.'
  }
  const firstName = readName(form, 'firstName', 'first name', errors)
  const surname = readName(form, 'surname', 'surname', errors)
  const typedDate = text(form, 'dateOfBirth')
  const date = readUkDate(typedDate)
  if (!typedDate) errors.dateOfBirth = 'Enter your date of birth, for example 27/03/1990.'
  else if (!date.ok)
    errors.dateOfBirth =
      date.problem === 'not-a-date'
        ? `${typedDate} is not a real date. Check the day and the month.`
        : 'Enter your date of birth as day/month/year, for example 27/03/1990.'
  else if (new Date(date.iso) >= today) errors.dateOfBirth = 'Your date of birth must be in the past.'
  else if (new Date(date.iso).getUTCFullYear() < 1900) errors.dateOfBirth = 'Check the year of your date of birth.'
  if (form.consent !== 'on' && form.consent !== 'true') errors.consent = 'To register, confirm that the details are yours and that you have read the privacy policy.'
  return {
    errors,
    values: { candidateNumber: dontKnowNumber ? '' : candidateNumber, dontKnowNumber, firstName, surname, dateOfBirth: date.ok ? date.iso : '' },
  }
}

/** Step 2: optional contact details; the telephone number as stored (E.164). */
export function checkContactDetails(form: Form) {
  const errors: FieldErrors = {}
  const values = {
    addressLine1: readText(form, 'addressLine1', 'address line 1', 200, errors),
    addressLine2: readText(form, 'addressLine2', 'address line 2', 200, errors),
    town: readText(form, 'town', 'the city', 100, errors),
    country: text(form, 'country').toUpperCase(),
    postcode: text(form, 'postcode').toUpperCase(),
    phoneCountry: text(form, 'phoneCountry').toUpperCase() || DEFAULT_PHONE_COUNTRY,
    phone: '',
  }
  const country = values.country ? countryProblem(values.country) : null
  if (country) errors.country = country
  else if (!values.country && (values.addressLine1 || values.postcode)) errors.country = 'Choose the country of your address.'
  if (values.postcode.length > 12) errors.postcode = tooLong('The postcode', 12)
  else if (values.postcode && !/^[A-Z0-9 -]{2,12}$/.test(values.postcode)) errors.postcode = 'Enter a real postcode, for example SW1A 1AA.'
  const phoneCountry = countryProblem(values.phoneCountry)
  if (phoneCountry) errors.phoneCountry = phoneCountry
  const typedPhone = text(form, 'phoneNumber')
  if (typedPhone && !phoneCountry) {
    const phone = parsePhone(typedPhone, values.phoneCountry)
    if (phone.ok) values.phone = phone.e164
    else errors.phoneNumber = phone.error
  }
  return { errors, values }
}

/** What is wrong with a typed email address, or null. */
export function emailProblem(email: string): string | null {
  if (!email) return 'Enter your email address.'
  if (email.length > 254) return tooLong('Your email address', 254)
  if (!EMAIL.test(email)) return 'Enter an email address in the correct format, like name@example.com.'
  return null
}

/** Step 3 (and third-party registration): email and password. */
export function checkLoginDetails(form: Form) {
  const errors: FieldErrors = {}
  const email = text(form, 'email').toLowerCase()
  const password = form.password ?? ''
  const problem = emailProblem(email)
  if (problem) errors.email = problem
  const passwordCheck = checkNewPassword(password, { email })
  if (passwordCheck !== true) errors.password = passwordCheck
  if (password && password !== (form.confirmPassword ?? '')) errors.confirmPassword = 'The passwords do not match.'
  return { errors, values: { email, password } }
}

/** A third party's name, organisation and job title: at registration and in their profile. */
export function checkThirdPartyIdentity(form: Form, errors: FieldErrors) {
  const firstName = readName(form, 'firstName', 'first name', errors)
  const lastName = readName(form, 'lastName', 'last name', errors)
  const companyName = readText(form, 'companyName', 'the company name', 200, errors, { required: 'Enter the name of your company or organisation.' })
  const jobTitle = readText(form, 'jobTitle', 'the job title', 200, errors, { required: 'Enter your job title.' })
  return { firstName, lastName, companyName, jobTitle }
}

/** Third-party registration: name, organisation and job title. */
export function checkThirdPartyDetails(form: Form) {
  const errors: FieldErrors = {}
  const values = checkThirdPartyIdentity(form, errors)
  if (form.consent !== 'on' && form.consent !== 'true') errors.consent = 'To register, confirm that you have read the privacy policy.'
  return { errors, values }
}
