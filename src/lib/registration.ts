import { CANDIDATE_NUMBER_PATTERN, normaliseCandidateNumber } from './candidateNumber'
import { parseUkDate } from './dates'
import { checkNewPassword } from './passwords'

export type FieldErrors = Record<string, string>
type Form = Record<string, string | undefined>

const text = (form: Form, name: string) => (form[name] ?? '').trim()
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const NAME = /^[\p{L}\p{M}' ’.\-]{1,100}$/u

/** Reads a name field, recording in `errors` what is wrong with it. */
function readName(form: Form, field: string, label: string, errors: FieldErrors): string {
  const value = text(form, field)
  if (!value) errors[field] = `Enter your ${label}.`
  else if (!NAME.test(value)) errors[field] = `Your ${label} can contain letters, spaces, hyphens and apostrophes only.`
  return value
}

/** Step 1 of learner registration: who you are, and consent to the privacy policy. */
export function checkEligibility(form: Form, today: Date) {
  const errors: FieldErrors = {}
  const dontKnowNumber = form.dontKnowNumber === 'on' || form.dontKnowNumber === 'true'
  const candidateNumber = text(form, 'candidateNumber')
  if (!dontKnowNumber) {
    if (!candidateNumber) errors.candidateNumber = 'Enter your candidate or membership number, or tick “I don’t know my candidate or membership number”.'
    else if (!CANDIDATE_NUMBER_PATTERN.test(candidateNumber) || normaliseCandidateNumber(candidateNumber) === '')
      errors.candidateNumber = 'Enter your candidate or membership number as it is printed on your certificate: letters and digits only.'
  }
  const firstName = readName(form, 'firstName', 'first name', errors)
  const surname = readName(form, 'surname', 'surname', errors)
  const typedDate = text(form, 'dateOfBirth')
  const dateOfBirth = parseUkDate(typedDate)
  if (!typedDate) errors.dateOfBirth = 'Enter your date of birth, for example 27/03/1990.'
  else if (!dateOfBirth) errors.dateOfBirth = 'Enter your date of birth as day/month/year, for example 27/03/1990.'
  else if (new Date(dateOfBirth) >= today) errors.dateOfBirth = 'Your date of birth must be in the past.'
  else if (new Date(dateOfBirth).getUTCFullYear() < 1900) errors.dateOfBirth = 'Check the year of your date of birth.'
  if (form.consent !== 'on' && form.consent !== 'true') errors.consent = 'To register, confirm that the details are yours and that you have read the privacy policy.'
  return {
    errors,
    values: { candidateNumber: dontKnowNumber ? '' : candidateNumber, dontKnowNumber, firstName, surname, dateOfBirth: dateOfBirth ?? '' },
  }
}

/** Step 2: optional contact details. */
export function checkContactDetails(form: Form) {
  const errors: FieldErrors = {}
  const values = {
    addressLine1: text(form, 'addressLine1').slice(0, 200),
    addressLine2: text(form, 'addressLine2').slice(0, 200),
    town: text(form, 'town').slice(0, 100),
    country: text(form, 'country').toUpperCase(),
    postcode: text(form, 'postcode').toUpperCase(),
    phoneCountryCode: text(form, 'phoneCountryCode'),
    phoneNumber: text(form, 'phoneNumber'),
  }
  if (values.country && !/^[A-Z]{2}$/.test(values.country)) errors.country = 'Choose your country from the list.'
  if (values.postcode && !/^[A-Z0-9 -]{2,12}$/.test(values.postcode)) errors.postcode = 'Enter a real postcode, for example SW1A 1AA.'
  if (values.phoneNumber && !/^[0-9 ()-]{6,20}$/.test(values.phoneNumber)) errors.phoneNumber = 'Enter a telephone number, like 07700 900 982.'
  if (values.phoneNumber && !/^\+\d{1,4}$/.test(values.phoneCountryCode)) errors.phoneCountryCode = 'Choose the country code of your telephone number.'
  return { errors, values }
}

/** Step 3 (and third-party registration): email and password. */
export function checkLoginDetails(form: Form) {
  const errors: FieldErrors = {}
  const email = text(form, 'email').toLowerCase()
  const password = form.password ?? ''
  if (!email) errors.email = 'Enter your email address.'
  else if (email.length > 254 || !EMAIL.test(email)) errors.email = 'Enter an email address in the correct format, like name@example.com.'
  const passwordCheck = checkNewPassword(password, { email })
  if (passwordCheck !== true) errors.password = passwordCheck
  else if (password !== (form.confirmPassword ?? '')) errors.confirmPassword = 'The passwords do not match.'
  return { errors, values: { email, password } }
}

/** Third-party registration: name, organisation and job title. */
export function checkThirdPartyDetails(form: Form) {
  const errors: FieldErrors = {}
  const firstName = readName(form, 'firstName', 'first name', errors)
  const lastName = readName(form, 'lastName', 'last name', errors)
  const companyName = text(form, 'companyName')
  const jobTitle = text(form, 'jobTitle')
  if (!companyName) errors.companyName = 'Enter the name of your company or organisation.'
  else if (companyName.length > 200) errors.companyName = 'The company name must be 200 characters or fewer.'
  if (!jobTitle) errors.jobTitle = 'Enter your job title.'
  else if (jobTitle.length > 200) errors.jobTitle = 'The job title must be 200 characters or fewer.'
  if (form.consent !== 'on' && form.consent !== 'true') errors.consent = 'To register, confirm that you have read the privacy policy.'
  return { errors, values: { firstName, lastName, companyName, jobTitle } }
}
