import type { Account } from '../../payload-types'

const SUPPORT = '/help/contact-support'

type SignedInAccount = Pick<Account, 'kind' | 'status'>

const NOT_LINKED_YET: Partial<Record<Account['status'], string>> = {
  'awaiting-review': 'We are checking your details against our records, usually within two working days. We will email you when your documents are ready.',
  'information-requested': 'We need more information before we can show your documents: we have emailed you what we need. Reply to that email or contact our support team.',
  rejected: 'We could not match your registration to our records, so there are no documents to show. If you think this is a mistake, contact our support team.',
  suspended: 'Your account is suspended, so your documents are not shown. Contact our support team to find out why and to have it restored.',
}
const NOT_LINKED = 'Your account is not linked to our records yet, so there are no documents to show. Contact our support team and we will put it right.'

/**
 * Why this account sees no documents, and what to do next: a third party holds none of its
 * own; a learner's are shown once their registration is matched to our records (its status
 * is read from the signed-in account).
 */
export function NoDocumentsNotice({ account }: { account: SignedInAccount }) {
  if (account.kind === 'third-party') {
    return (
      <div className="notice" role="status">
        <p>
          This is a third-party account, for employers, universities and auditors: it holds no documents of its own. Any document can be checked by its reference and the holder’s surname, on the <a href="/verify">Check a document</a> page.
          If you hold our qualifications yourself, <a href="/register">register as a learner</a> with a different email address.
        </p>
      </div>
    )
  }
  return (
    <div className="notice" role="status">
      <p>
        {NOT_LINKED_YET[account.status] ?? NOT_LINKED} <a href={SUPPORT}>Contact support</a>
      </p>
    </div>
  )
}

/** On a registration page, for someone already signed in: which kind of account they have, and how to make the other. */
export function AlreadySignedInNotice({ account, registering }: { account: SignedInAccount; registering: Account['kind'] }) {
  const text =
    account.kind === registering
      ? 'You are already signed in with this kind of account.'
      : account.kind === 'learner'
        ? 'You are signed in with a learner account. Third-party accounts are for employers, universities and auditors: to register one, sign out and use a different email address.'
        : 'You are signed in with a third-party account. To register as a learner, sign out and use a different email address.'
  return (
    <div className="notice" role="status">
      <p>
        {text} <a href="/dashboard">Go to your dashboard</a>
      </p>
    </div>
  )
}
