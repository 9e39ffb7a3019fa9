import { redirect } from 'next/navigation'

import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../../collections/Documents'
import type { ShownStatus } from '../../lib/verify'
import { signInPath } from '../../lib/returnPath'
import type { Document } from '../../payload-types'
import { NoDocumentsNotice } from '../account/notices'
import { portalPayload, signedInUser } from '../payload'
import { setShowOnVerify } from './actions'
import { fullNameOf, myAchievements, shownStatusOf, ukDate, verifyUrlOf, type AchievementWithDocuments } from './data'

const typeLabel = (value: string) => DOCUMENT_TYPES.find((t) => t.value === value)?.label ?? value
const statusLabel = (value: ShownStatus) => (value === 'expired' ? 'Expired' : value === 'valid' ? 'Valid' : (DOCUMENT_STATUSES.find((s) => s.value === value)?.label ?? value))

/** The line under the heading of a document that is no longer valid, or null. */
function statusWarning(status: ShownStatus, document: Document, achievement: AchievementWithDocuments['achievement']): string | null {
  const on = document.statusChangedAt ? ukDate(document.statusChangedAt) : ''
  if (status === 'revoked') return `This document was revoked${on ? ` on ${on}` : ''}. It is no longer valid.`
  if (status === 'superseded') return `This document has been replaced by a reissued one${on ? ` (${on})` : ''}. Use the new document.`
  if (status === 'expired') return `This qualification expired on ${ukDate(achievement.expiryDate)}. The verification page shows it as expired.`
  return null
}

function Facts({ rows }: { rows: Array<[string, string | null | undefined]> }) {
  return (
    <dl className="facts">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  )
}

function DocumentCard({ document, fullName, candidateNumber, entry }: { document: Document; fullName: string; candidateNumber: string; entry: AchievementWithDocuments }) {
  const { achievement, qualification } = entry
  const title = typeLabel(document.type)
  const viewHref = document.type === 'badge' ? `/documents/${document.id}/badge` : `/documents/${document.id}/pdf`
  const status = shownStatusOf(document, achievement, new Date())
  const warning = statusWarning(status, document, achievement)
  return (
    <li className={`document-card status-${status}`}>
      <div className="document-head">
        <h3>{title}</h3>
        <span className={`status-tag status-tag-${status}`}>{statusLabel(status)}</span>
      </div>
      {warning ? <p className="document-warning">{warning}</p> : null}
      <Facts
        rows={[
          ['Reference', document.reference],
          ['Full name', fullName],
          ['Candidate number', candidateNumber],
          ['Qualification', qualification ? `${qualification.title} (${qualification.qualificationNumber})` : ''],
          ['Grade', achievement.grade],
          ['Issue date', ukDate(document.issueDate ?? achievement.issueDate)],
          ['Centre', achievement.centre],
          ['Expiry date', ukDate(achievement.expiryDate)],
        ]}
      />
      <div className="document-actions">
        <a className="button" href={viewHref} target="_blank" rel="noopener">
          View {title.toLowerCase()}
          <span className="visually-hidden"> {document.reference} (opens in a new tab)</span>
        </a>
        <a className="button button-secondary" href={`/documents/${document.id}/report`}>
          Report a problem<span className="visually-hidden"> with {document.reference}</span>
        </a>
        {document.type !== 'badge' ? (
          <a className="button button-secondary" href={`/store?achievement=${achievement.id}`}>
            Order<span className="visually-hidden"> a printed copy for {qualification?.title ?? document.reference}</span>
          </a>
        ) : null}
      </div>
      {document.status === 'valid' ? (
        <form action={setShowOnVerify} className="verify-switch">
          <input type="hidden" name="document" value={document.id} />
          <input type="hidden" name="show" value={document.showOnVerify ? 'off' : 'on'} />
          <p>
            Anyone with the QR code or <a href={verifyUrlOf(document)}>this document’s verification link</a> sees its key facts.{' '}
            {document.showOnVerify ? 'They can also see the document itself.' : 'They cannot see the document itself.'}
          </p>
          <button type="submit" className="button button-secondary">
            {document.showOnVerify ? 'Hide the document on the verification page' : 'Show the document on the verification page'}
            <span className="visually-hidden"> ({document.reference})</span>
          </button>
        </form>
      ) : null}
    </li>
  )
}

const ERRORS: Record<string, string> = {
  'verify-switch': 'We could not change whether the verification page shows this document. Reload the page and try again; if it happens again, contact our support team.',
}

/** /documents: every achievement of the learner's record, newest first, with its documents. */
export async function DocumentsPage({ error }: { error?: string }) {
  const user = await signedInUser()
  if (!user || user.collection !== 'accounts') redirect(signInPath('/documents'))
  const payload = await portalPayload()
  const { candidate, achievements } = await myAchievements({ payload, user })
  if (user.kind !== 'learner' || user.status !== 'approved' || !candidate) {
    return (
      <>
        <h1>My documents</h1>
        <NoDocumentsNotice account={user} />
      </>
    )
  }
  const fullName = fullNameOf(candidate)
  const errorText = error ? ERRORS[error] : undefined
  return (
    <>
      <h1>My documents</h1>
      {errorText ? (
        <p className="notice notice-error" role="alert">
          {errorText}
        </p>
      ) : null}
      <p className="lead">
        {fullName}, candidate number {candidate.candidateNumber}. Your achievements, newest first, with their certificates, transcripts, badges and letters.
      </p>
      <p>
        Something wrong on a document? Use “Report a problem” on it. <a href="/enquiries">See the problems you have reported</a>.
      </p>
      {achievements.length === 0 ? <p>There are no achievements on your record yet.</p> : null}
      {achievements.map((entry) => (
        <section key={entry.achievement.id} className="achievement" aria-labelledby={`achievement-${entry.achievement.id}`}>
          <h2 id={`achievement-${entry.achievement.id}`}>{entry.qualification?.title ?? 'Qualification'}</h2>
          <p className="achievement-summary">
            {entry.qualification?.qualificationNumber} · Grade: {entry.achievement.grade} · Issued {ukDate(entry.achievement.issueDate)}
          </p>
          {entry.documents.length ? (
            <ul className="document-list">
              {entry.documents.map((document) => (
                <DocumentCard key={document.id} document={document} fullName={fullName} candidateNumber={candidate.candidateNumber} entry={entry} />
              ))}
            </ul>
          ) : (
            <p>No documents have been issued for this achievement yet.</p>
          )}
        </section>
      ))}
    </>
  )
}
