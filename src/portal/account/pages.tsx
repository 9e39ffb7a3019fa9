import { redirect } from 'next/navigation'
import type { ReactNode } from 'react'

import { COUNTRY_OPTIONS } from '../../lib/countries'
import { PHONE_COUNTRY_OPTIONS } from '../../lib/phone'
import { safeReturnPath } from '../../lib/returnPath'
import { signedInUser } from '../payload'
import { ConfirmEmailForm, SendLinkAgainForm } from './EmailLinkForms'
import { LearnerRegistrationForm } from './LearnerRegistrationForm'
import { AlreadySignedInNotice } from './notices'
import { SignInForm } from './SignInForm'
import { ThirdPartyRegistrationForm } from './ThirdPartyRegistrationForm'

const PRIVACY = '/help/privacy-policy'

/** A registration page, or for someone already signed in, which account they have and how to make the other kind. */
async function RegistrationPage({ kind, heading, form }: { kind: 'learner' | 'third-party'; heading: string; form: ReactNode }) {
  const user = await signedInUser()
  if (user?.collection !== 'accounts') return form
  return (
    <>
      <h1>{heading}</h1>
      <AlreadySignedInNotice account={user} registering={kind} />
    </>
  )
}

export function RegisterLearnerPage() {
  return <RegistrationPage kind="learner" heading="Register as a learner" form={<LearnerRegistrationForm privacyHref={PRIVACY} countries={COUNTRY_OPTIONS} phoneCountries={PHONE_COUNTRY_OPTIONS} />} />
}

export function RegisterThirdPartyPage({ email }: { email?: string }) {
  const invitedEmail = typeof email === 'string' && email.length <= 254 ? email : undefined
  return <RegistrationPage kind="third-party" heading="Register as an employer, university or auditor" form={<ThirdPartyRegistrationForm privacyHref={PRIVACY} invitedEmail={invitedEmail} />} />
}

/** The sign-in page; `next` is the page someone was sent here from, where they go back after signing in. */
export async function SignInPage({ reset, next }: { reset?: string; next?: string }) {
  const returnTo = safeReturnPath(next)
  const user = await signedInUser()
  if (user?.collection === 'accounts') redirect(returnTo ?? '/dashboard')
  return <SignInForm notice={reset === 'done' ? 'reset' : undefined} returnTo={returnTo} />
}

/** After registering (with the address), or from "Send the link again" on the sign-in page (without: then it asks for it). */
export function CheckEmailPage({ email }: { email?: string }) {
  if (!email?.trim())
    return (
      <>
        <h1>Send the confirmation link again</h1>
        <p className="lead">Enter the email address you registered with. If it has an account waiting to be confirmed, we will send it a new link.</p>
        <SendLinkAgainForm heading={false} />
      </>
    )
  return (
    <>
      <h1>Check your email</h1>
      <div className="panel">
        <p>
          We have sent a link to <strong>{email}</strong>. Open it within 24 hours to confirm your email address and finish registering.
        </p>
        <p>Your registration status is: <strong>Pending</strong>. You can sign in once your email address is confirmed.</p>
        <p>Nothing arrived after a few minutes? Check your spam or junk folder, then send the link again.</p>
      </div>
      <SendLinkAgainForm email={email} />
    </>
  )
}

export function VerifyEmailPage({ token }: { token?: string }) {
  return (
    <>
      <ConfirmEmailForm token={token ?? ''} />
      <SendLinkAgainForm />
    </>
  )
}

const OUTCOMES: Record<string, { heading: string; text: string }> = {
  matched: { heading: 'Your documents are ready', text: 'Your email address is confirmed and your details match our records. Sign in to see your documents.' },
  review: {
    heading: 'We are checking your details',
    text: 'Your email address is confirmed. Our support team will check your details against our records, usually within two working days, and email you when your documents are ready.',
  },
  'third-party': { heading: 'Your account is ready', text: 'Your email address is confirmed. You can now sign in.' },
}

export function ConfirmedPage({ outcome }: { outcome?: string }) {
  const { heading, text } = OUTCOMES[outcome ?? ''] ?? OUTCOMES['third-party']!
  return (
    <>
      <h1>{heading}</h1>
      <p className="lead">{text}</p>
      <div className="actions">
        <a className="button" href="/sign-in">
          Sign in
        </a>
      </div>
    </>
  )
}
