import { notFound, redirect } from 'next/navigation'

import { DOCUMENT_TYPES } from '../../collections/Documents'
import { formatUkDate } from '../../lib/dates'
import { recordId } from '../../lib/ids'
import { signInPath } from '../../lib/returnPath'
import { STATUS_WORDS } from '../../plugins/enquiries'
import { readableDocument } from '../documents/data'
import { portalPayload, signedInUser } from '../payload'
import { ReportForm } from './ReportForm'

/** The signed-in account; anyone else signs in first and comes back to `returnTo`. */
async function signedInAccount(returnTo: string) {
  const user = await signedInUser()
  if (!user || user.collection !== 'accounts') redirect(signInPath(returnTo))
  return user
}

const when = (iso: string) =>
  `${formatUkDate(iso)} ${new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(new Date(iso))}`

/**
 * Where "Report a problem" was pressed, for the breadcrumb and the way back: a third party's
 * document cards are on its connection's page (`?connection=` says which), a learner's in My documents.
 */
function reportedFrom(user: { kind?: string }, connection: string | undefined): { crumbs: Array<{ href: string; label: string }>; back: { href: string; label: string } } {
  if (user.kind !== 'third-party') return { crumbs: [{ href: '/documents', label: 'My documents' }], back: { href: '/documents', label: 'Back to my documents' } }
  const id = recordId(connection)
  if (id === null) return { crumbs: [{ href: '/connections', label: 'Connections' }], back: { href: '/connections', label: 'Back to your connections' } }
  return {
    crumbs: [
      { href: '/connections', label: 'Connections' },
      { href: `/connections/${id}`, label: 'The connection' },
    ],
    back: { href: `/connections/${id}`, label: 'Back to the connection' },
  }
}

/** /documents/:id/report */
export async function ReportProblemPage({ id, connection }: { id: string; connection?: string }) {
  const user = await signedInAccount(`/documents/${id}/report`)
  const payload = await portalPayload()
  const printable = await readableDocument({ payload, user }, id)
  if (!printable) notFound()
  const { document, qualification } = printable
  const type = DOCUMENT_TYPES.find((t) => t.value === document.type)?.label ?? document.type
  const from = reportedFrom(user as { kind?: string }, connection)
  return (
    <>
      <p className="breadcrumbs">
        {from.crumbs.map((crumb) => (
          <span key={crumb.href}>
            <a href={crumb.href}>{crumb.label}</a> ›{' '}
          </span>
        ))}
        Report a problem
      </p>
      <h1>Report a problem</h1>
      <p className="lead">
        {type} {document.reference}: {qualification.title}. Our support team will reply by email and here, usually within two working days.
      </p>
      <ReportForm documentId={document.id} back={from.back} />
    </>
  )
}

/** /enquiries: the account's reports and where they are. */
export async function EnquiriesPage() {
  const user = await signedInAccount('/enquiries')
  const payload = await portalPayload()
  const { docs } = await payload.find({ collection: 'enquiries', sort: '-updatedAt', limit: 100, depth: 0, overrideAccess: false, user })
  return (
    <>
      <h1>My reports</h1>
      {docs.length === 0 ? (
        <p>
          You have not reported any problems. To report one, use “Report a problem” on a document in <a href="/documents">My documents</a>.
        </p>
      ) : (
        <ul className="cards">
          {docs.map((enquiry) => (
            <li key={enquiry.id} className="card">
              <h2 className="card-title">
                <a href={`/enquiries/${enquiry.id}`}>{enquiry.subject}</a>
              </h2>
              <p>
                Status: <strong>{STATUS_WORDS[enquiry.status] ?? enquiry.status}</strong>. Last updated {formatUkDate(enquiry.updatedAt)}.
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

/** /enquiries/:id: the conversation. */
export async function EnquiryPage({ id, sent }: { id: string; sent?: boolean }) {
  const user = await signedInAccount(`/enquiries/${id}`)
  const payload = await portalPayload()
  const enquiryId = recordId(id)
  const enquiry = enquiryId === null ? null : await payload.findByID({ collection: 'enquiries', id: enquiryId, depth: 0, overrideAccess: false, user, disableErrors: true })
  if (!enquiry) notFound()
  return (
    <>
      <p className="breadcrumbs">
        <a href="/enquiries">My reports</a> › {enquiry.subject}
      </p>
      <h1>{enquiry.subject}</h1>
      {sent ? (
        <p className="notice" role="status">
          Thank you: we have your report and have emailed you a copy.
        </p>
      ) : null}
      <p>
        Status: <strong>{STATUS_WORDS[enquiry.status] ?? enquiry.status}</strong>
      </p>
      <ol className="thread">
        {(enquiry.messages ?? []).map((m) => (
          <li key={m.id} className={`thread-message from-${m.from}`}>
            <p className="thread-meta">
              {m.from === 'support' ? `${m.author ?? 'Support team'} (support team)` : 'You'} · {when(m.sentAt)}
            </p>
            <p className="thread-body">{m.body}</p>
          </li>
        ))}
      </ol>
    </>
  )
}
