import { notFound, redirect } from 'next/navigation'

import { isActivePortalAccount, relationId } from '../../access/users'
import { DOCUMENT_TYPES } from '../../collections/Documents'
import { ANSWER_WITHIN_DAYS, MAX_ACCESS_DAYS } from '../../lib/connections'
import { formatAccessUntil, formatUkDate, lastLondonDayOf, londonCalendarDate, oneMonthFrom } from '../../lib/dates'
import { signInPath } from '../../lib/returnPath'
import type { Account, Connection } from '../../payload-types'
import { CONNECTION_EVENT_LABELS, PARTY_LABELS } from '../../plugins/connections'
import { readableDocument } from '../documents/data'
import { portalPayload, signedInUser } from '../payload'
import { ActionNotice } from '../ui/ActionNotice'
import { AccessDateForm, ActionButton, DocumentsForm, ExtensionForm, RequestForm, ShareForm, type DateLimits } from './forms'
import { deletedConnection, endOf, myConnection, myConnections, shareableGroups, shownStatus, STATUS_LABELS, type Tab } from './data'
import './connections.css'

async function signedInAccount(returnTo: string) {
  const user = await signedInUser()
  if (!user || user.collection !== 'accounts') redirect(signInPath(returnTo))
  return user as typeof user & Account
}

const when = (iso: string) =>
  `${formatUkDate(iso)} ${new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(new Date(iso))}`

function dateLimits(now = new Date()): DateLimits {
  return {
    min: londonCalendarDate(now),
    max: londonCalendarDate(new Date(now.getTime() + (MAX_ACCESS_DAYS - 1) * 86_400_000)),
    defaultDay: formatAccessUntil(oneMonthFrom(now)),
  }
}

const NOTICES: Record<string, string> = {
  created: 'Connection made. The third party has been emailed; it is pending until they accept.',
  requested: 'Request sent. If that address belongs to a learner, they have been emailed and the connection is pending until they answer.',
  accepted: 'Accepted: the connection is active and the other side has been emailed.',
  declined: 'Declined. The other side has been emailed.',
  cancelled: 'Cancelled. The learner has been emailed.',
  deleted: 'Connection deleted. The third party can no longer see your documents and has been emailed.',
  extended: 'Access date changed: the connection is active until then. The third party has been emailed.',
  shortened: 'Access date shortened. The third party has been emailed.',
  'documents-changed': 'Documents changed. The third party has been emailed.',
  'extension-requested': 'Extension asked for. The learner has been emailed and will approve or decline.',
  'extension-approved': 'Extension approved: the connection is active until the new access date. The third party has been emailed.',
  'extension-declined': 'Extension declined. The third party has been emailed.',
}

function Notice({ notice }: { notice?: string }) {
  return <ActionNotice text={notice ? NOTICES[notice] : undefined} />
}

/** `lapsed`: expired before anyone accepted it. */
function StatusTag({ status, lapsed = false }: { status: Connection['status']; lapsed?: boolean }) {
  return <span className={`status-tag connection-status-${status}`}>{lapsed ? 'Not answered' : STATUS_LABELS[status]}</span>
}

/**
 * The learner as the third party's table names them: only once they have made or answered the
 * connection (`learnerNamesForThirdParty`); before, the same words whoever the address is.
 */
const learnerPlaceholder = (status: Connection['status']) => (status === 'pending' ? 'Waiting for the learner' : status === 'declined' ? 'Declined' : 'Not answered')

function NotTakingPart() {
  return (
    <p className="notice">
      Connections open once your account is approved. <a href="/dashboard">Back to your dashboard</a>.
    </p>
  )
}

const initiatedBy = (c: Connection) => (c.initiatedBy === 'learner' ? 'Learner' : 'Third party')

/** /connections: the table of the seed's screen, from whichever side the account is on. */
export async function ConnectionsPage({ tab = 'active', q = '', page = '1', notice }: { tab?: string; q?: string; page?: string; notice?: string }) {
  const user = await signedInAccount('/connections')
  const chosen: Tab = tab === 'inactive' ? 'inactive' : 'active'
  const payload = await portalPayload()
  const now = new Date()
  const list = await myConnections(payload, user, { tab: chosen, q, page: Number(page) || 1 }, now)
  const isLearner = user.kind === 'learner'
  const current = list.page ?? 1
  const query = (over: Record<string, string>) => `/connections?${new URLSearchParams({ tab: chosen, ...(q ? { q } : {}), ...over })}`
  return (
    <>
      <h1>Connections</h1>
      <Notice notice={notice} />
      <p className="lead">
        {isLearner
          ? 'Share your documents with employers, universities and auditors. You choose the documents and until when they can see them.'
          : 'Learners share their documents with you here. You see each shared document until the connection’s access date.'}
      </p>
      {!isActivePortalAccount(user) ? <NotTakingPart /> : null}
      <p className="actions">
        <a className="button" href="/connections/new">
          Add connection
        </a>
        <a href="/help">Help</a>
      </p>
      <nav aria-label="Connections" className="tabs">
        {(['active', 'inactive'] as const).map((t) => (
          <a key={t} href={`/connections?tab=${t}`} aria-current={t === chosen ? 'page' : undefined} className={t === chosen ? 'tab current' : 'tab'}>
            {t === 'active' ? 'Active' : 'Inactive'}
          </a>
        ))}
      </nav>
      <form method="get" action="/connections" role="search" className="search">
        <input type="hidden" name="tab" value={chosen} />
        <label htmlFor="q">Search {isLearner ? 'by name, email or company' : 'by name or email'}</label>
        <div className="search-row">
          <input id="q" name="q" type="search" defaultValue={q} maxLength={100} />
          <button className="button button-secondary" type="submit">
            Search
          </button>
        </div>
      </form>
      {list.docs.length === 0 ? (
        <p>{q ? `No ${chosen} connections match “${q}”.` : chosen === 'active' ? 'You have no active or pending connections.' : 'You have no ended connections.'}</p>
      ) : (
        <div className="table-wrap" role="region" aria-label="Your connections" tabIndex={0}>
          <table className="connections-table">
            <caption className="visually-hidden">
              {chosen === 'active' ? 'Active and pending connections' : 'Inactive connections'}, page {current} of {list.totalPages}
            </caption>
            <thead>
              <tr>
                {isLearner ? (
                  <>
                    <th scope="col">Third party name</th>
                    <th scope="col">Third party email</th>
                    <th scope="col">Company</th>
                  </>
                ) : (
                  <>
                    <th scope="col">Learner name</th>
                    <th scope="col">Learner email</th>
                  </>
                )}
                <th scope="col">Status</th>
                <th scope="col">Initiated by</th>
                <th scope="col">Documents shared</th>
                <th scope="col">Access until</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.docs.map((c) => {
                const [learnerName, learnerEmail] = (list.learners.get(c.id) ?? '').split('|')
                const status = shownStatus(c, now)
                const title = isLearner ? c.thirdPartyName : learnerName || c.learnerEmail || 'Learner'
                return (
                  <tr key={c.id}>
                    {isLearner ? (
                      <>
                        <td data-label="Third party name">{c.thirdPartyName}</td>
                        <td data-label="Third party email">{c.thirdPartyEmail}</td>
                        <td data-label="Company">{c.thirdPartyCompany ?? ''}</td>
                      </>
                    ) : (
                      <>
                        <td data-label="Learner name">{learnerName || learnerPlaceholder(status)}</td>
                        <td data-label="Learner email">{learnerEmail || c.learnerEmail || '—'}</td>
                      </>
                    )}
                    <td data-label="Status">
                      <StatusTag status={status} />
                      {c.extension?.status === 'requested' && status === 'active' ? <span className="extension-flag"> Extension asked for</span> : null}
                    </td>
                    <td data-label="Initiated by">{initiatedBy(c)}</td>
                    <td data-label="Documents shared">{(c.documents ?? []).length}</td>
                    <td data-label="Access until" className="nowrap">
                      {formatAccessUntil(c.accessUntil)}
                    </td>
                    <td data-label="Actions">
                      <a href={`/connections/${c.id}`}>
                        {status === 'pending' && (isLearner ? c.initiatedBy === 'third-party' : c.initiatedBy === 'learner') ? 'Answer' : isLearner ? 'Manage' : 'View'}
                        <span className="visually-hidden"> the connection with {title}</span>
                      </a>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {list.totalPages > 1 ? (
        <nav aria-label="Pages" className="pagination">
          {current > 1 ? <a href={query({ page: String(current - 1) })}>Previous page</a> : null}
          <span>
            Page {current} of {list.totalPages}
          </span>
          {current < list.totalPages ? <a href={query({ page: String(current + 1) })}>Next page</a> : null}
        </nav>
      ) : null}
    </>
  )
}

/** /connections/new: a learner shares documents; a third party asks a learner to. */
export async function NewConnectionPage() {
  const user = await signedInAccount('/connections/new')
  const breadcrumbs = (
    <p className="breadcrumbs">
      <a href="/connections">Connections</a> › Add connection
    </p>
  )
  if (!isActivePortalAccount(user))
    return (
      <>
        {breadcrumbs}
        <h1>Add connection</h1>
        <NotTakingPart />
      </>
    )
  if (user.kind === 'third-party')
    return (
      <>
        {breadcrumbs}
        <h1>Ask a learner to share documents</h1>
        <p className="lead">Enter the email address of the learner. They are emailed, choose which documents to share with you, or decline.</p>
        <p>
          If nobody answers within {ANSWER_WITHIN_DAYS} days, the request lapses. Until then you can see it, and cancel it, under Connections.
        </p>
        <RequestForm />
      </>
    )
  const groups = await shareableGroups(await portalPayload(), user)
  return (
    <>
      {breadcrumbs}
      <h1>Add connection</h1>
      <p className="lead">Enter the third party’s name and email address, until when they may see your documents, and choose the documents. They are emailed; if they have no account yet, they are invited to register.</p>
      <p>They have {ANSWER_WITHIN_DAYS} days to accept. If they do not, the connection lapses and nothing is shared. Until then you can see it, and delete it, under Connections.</p>
      <ShareForm groups={groups} limits={dateLimits()} />
    </>
  )
}

const typeLabel = (value: string) => DOCUMENT_TYPES.find((t) => t.value === value)?.label ?? value

/** The documents a third party may see in this connection, as document cards read with its own access. */
async function SharedDocuments({ connection, user }: { connection: Connection; user: Account }) {
  const payload = await portalPayload()
  const ids = (connection.documents ?? []).map((d) => String(relationId(d)))
  const printables = (await Promise.all(ids.map((id) => readableDocument({ payload, user: { ...user, collection: 'accounts' } as never }, id)))).filter((p) => p !== null)
  if (!printables.length) return <p>No documents can be seen in this connection now.</p>
  return (
    <ul className="document-list">
      {printables.map(({ document, achievement, qualification, candidate }) => (
        <li key={document.id} className="document-card">
          <div className="document-head">
            <h3>{typeLabel(document.type)}</h3>
            <span className={`status-tag status-tag-${document.status}`}>{document.status === 'valid' ? 'Valid' : document.status}</span>
          </div>
          <dl className="facts">
            <div>
              <dt>Reference</dt>
              <dd>{document.reference}</dd>
            </div>
            <div>
              <dt>Full name</dt>
              <dd>{[candidate.firstName, candidate.middleNames, candidate.surname].filter(Boolean).join(' ')}</dd>
            </div>
            <div>
              <dt>Qualification</dt>
              <dd>
                {qualification.title} ({qualification.qualificationNumber})
              </dd>
            </div>
            <div>
              <dt>Grade</dt>
              <dd>{achievement.grade}</dd>
            </div>
            <div>
              <dt>Issue date</dt>
              <dd>{formatUkDate(document.issueDate ?? achievement.issueDate)}</dd>
            </div>
          </dl>
          <div className="document-actions">
            <a className="button" href={document.type === 'badge' ? `/documents/${document.id}/badge` : `/documents/${document.id}/pdf`} target="_blank" rel="noopener">
              View {typeLabel(document.type).toLowerCase()}
              <span className="visually-hidden"> {document.reference} (opens in a new tab)</span>
            </a>
            <a className="button button-secondary" href={`/documents/${document.id}/report?connection=${connection.id}`}>
              Report a problem<span className="visually-hidden"> with {document.reference}</span>
            </a>
          </div>
        </li>
      ))}
    </ul>
  )
}

/** What is left of a connection the learner deleted, for its two sides only: that it was deleted, and when. */
function DeletedConnectionPage({ deletedAt, isLearner }: { deletedAt: Date; isLearner: boolean }) {
  return (
    <>
      <p className="breadcrumbs">
        <a href="/connections">Connections</a> › Deleted connection
      </p>
      <h1>This connection was deleted</h1>
      <p className="lead">
        {isLearner ? 'You deleted this connection' : 'The learner deleted this connection'} on {formatUkDate(deletedAt)}. Its documents are no longer shared through it.
      </p>
      <p>
        <a href="/connections">Back to your connections</a>
      </p>
    </>
  )
}

/** /connections/:id: the connection, what each side can do now, its documents, view receipts and history. */
export async function ConnectionPage({ id, notice }: { id: string; notice?: string }) {
  const user = await signedInAccount(`/connections/${id}`)
  const payload = await portalPayload()
  const found = await myConnection(payload, user, id)
  if (!found) {
    const deletedAt = await deletedConnection(payload, user, id)
    if (deletedAt) return <DeletedConnectionPage deletedAt={deletedAt} isLearner={user.kind === 'learner'} />
    notFound()
  }
  const { connection: c, history, views, accepted } = found
  const now = new Date()
  const status = shownStatus(c, now)
  const isLearner = user.kind === 'learner'
  const [learnerName, learnerEmail] = (found.learner ?? '').split('|')
  const other = isLearner ? [c.thirdPartyCompany, c.thirdPartyName].filter(Boolean).join(' · ') : learnerName || c.learnerEmail || 'Learner'
  const open = status === 'pending' || status === 'active'
  const lapsed = status === 'expired' && !accepted
  const renewable = status === 'expired' && accepted
  const madeByMe = isLearner === (c.initiatedBy === 'learner')
  const awaitingMe = status === 'pending' && !madeByMe
  const extensionAsked = c.extension?.status === 'requested' && (status === 'active' || renewable)
  const limits = dateLimits(now)
  const viewsByDocument = new Map(views.map((v) => [relationId(v.document), v]))
  // Deleting a request the learner has not answered would tell the third party the address is a learner's: they decline it first.
  const deletable = isLearner && (c.initiatedBy === 'learner' || accepted || status === 'declined')
  return (
    <>
      <p className="breadcrumbs">
        <a href="/connections">Connections</a> › {other}
      </p>
      <h1>Connection with {other}</h1>
      <Notice notice={notice} />
      <dl className="facts connection-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusTag status={status} lapsed={lapsed} />
          </dd>
        </div>
        <div>
          <dt>{isLearner ? 'Third party email' : 'Learner email'}</dt>
          <dd>{isLearner ? c.thirdPartyEmail : learnerEmail || c.learnerEmail || '—'}</dd>
        </div>
        <div>
          <dt>Initiated by</dt>
          <dd>{initiatedBy(c)}</dd>
        </div>
        <div>
          <dt>Access until</dt>
          <dd>{formatAccessUntil(c.accessUntil)}</dd>
        </div>
        {status === 'pending' ? (
          <div>
            <dt>Answer by</dt>
            <dd>{formatAccessUntil(endOf(c))}</dd>
          </div>
        ) : null}
        <div>
          <dt>Documents shared</dt>
          <dd>{(c.documents ?? []).length}</dd>
        </div>
      </dl>
      {status === 'pending' && madeByMe ? (
        <p className="notice">
          Waiting for {isLearner ? 'the third party' : 'the learner'} to answer. If nobody answers by {formatAccessUntil(endOf(c))}, the connection lapses.
        </p>
      ) : null}
      {lapsed ? <p className="notice">Nobody answered this connection in time, so it lapsed and nothing was shared. {isLearner ? 'To share now, add a new connection.' : 'To ask again, add a new connection.'}</p> : null}
      {c.requestMessage ? (
        <p className="panel">
          <strong>Message from {isLearner ? c.thirdPartyName : 'you'}:</strong> {c.requestMessage}
        </p>
      ) : null}

      {awaitingMe ? (
        <section className="panel" aria-labelledby="answer-heading">
          <h2 id="answer-heading">{isLearner ? `${other} asks you to share documents` : `${other} wants to share documents with you`}</h2>
          <p>Please answer by {formatAccessUntil(endOf(c))}. After that the connection lapses.</p>
          <div className="actions">
            {isLearner ? (
              <a className="button" href={`/connections/${c.id}/documents`}>
                Accept and choose documents
              </a>
            ) : (
              <ActionButton connection={c.id} action="accept">
                Accept the connection
              </ActionButton>
            )}
            <ActionButton connection={c.id} action="decline" secondary>
              Decline
            </ActionButton>
          </div>
        </section>
      ) : null}

      {extensionAsked && isLearner ? (
        <section className="panel" aria-labelledby="extension-heading">
          <h2 id="extension-heading">Extension asked for</h2>
          <p>
            {other} asks to see your documents until <strong>{formatAccessUntil(c.extension!.until!)}</strong>.{c.extension?.message ? ` Their message: “${c.extension.message}”` : ''}
            {renewable ? ' Approving makes the connection active again.' : ''}
          </p>
          <div className="actions">
            <ActionButton connection={c.id} action="approve-extension">
              Approve the extension
            </ActionButton>
            <ActionButton connection={c.id} action="decline-extension" secondary>
              Decline the extension
            </ActionButton>
          </div>
        </section>
      ) : null}
      {extensionAsked && !isLearner ? <p className="notice">You asked for access until {formatAccessUntil(c.extension!.until!)}. The learner has been emailed and will approve or decline.</p> : null}

      {!isLearner ? (
        <section aria-labelledby="documents-heading">
          <h2 id="documents-heading">Shared documents</h2>
          {status === 'active' ? <SharedDocuments connection={c} user={user} /> : <p>{status === 'pending' ? 'Accept the connection to see the documents.' : 'This connection has ended: its documents can no longer be seen.'}</p>}
        </section>
      ) : (
        <section aria-labelledby="documents-heading">
          <h2 id="documents-heading">Documents shared and view receipts</h2>
          {(c.documents ?? []).length === 0 ? <p>No documents are shared in this connection.</p> : null}
          <SharedReceipts connection={c} views={viewsByDocument} user={user} />
          {open && status === 'active' ? (
            <p>
              <a href={`/connections/${c.id}/documents`}>Change the documents shared</a>
            </p>
          ) : null}
        </section>
      )}

      {open || renewable ? (
        <section aria-labelledby="manage-heading">
          <h2 id="manage-heading">{isLearner ? (renewable ? 'Extend the connection' : 'Access date') : renewable ? 'Ask for an extension' : 'Manage'}</h2>
          {isLearner && renewable ? <p>This connection expired on {formatAccessUntil(c.accessUntil)}. Give it a new access date and it is active again until then.</p> : null}
          {isLearner ? <AccessDateForm connection={c.id} current={renewable ? '' : lastLondonDayOf(c.accessUntil)} limits={limits} renewing={renewable} /> : null}
          {!isLearner && renewable && !extensionAsked ? <p>This connection expired on {formatAccessUntil(c.accessUntil)}. Ask the learner for a new access date: if they approve, you can see the documents again.</p> : null}
          {!isLearner && (status === 'active' || renewable) && !extensionAsked ? <ExtensionForm connection={c.id} limits={limits} /> : null}
          {!isLearner && open ? (
            <div className="actions">
              <ActionButton
                connection={c.id}
                action="cancel"
                secondary
                confirm={{
                  question:
                    status === 'pending' && madeByMe
                      ? 'Cancel your request? The learner is not asked any more. This cannot be undone.'
                      : `Cancel the connection with ${other}? You can no longer see the shared documents and the learner is emailed. This cannot be undone.`,
                  yes: 'Yes, cancel the connection',
                }}
              >
                Cancel the connection
              </ActionButton>
            </div>
          ) : null}
        </section>
      ) : null}
      {deletable ? (
        <section aria-labelledby="delete-heading">
          <h2 id="delete-heading">Delete</h2>
          <p>{open ? 'The third party loses access at once and is emailed.' : 'It goes from your list and the third party is emailed.'}</p>
          <ActionButton
            connection={c.id}
            action="delete"
            secondary
            confirm={{
              question: `Delete the connection with ${other}? ${status === 'active' ? 'They can no longer see your documents, and' : 'It goes from both lists, and'} they are emailed. Its history goes too. This cannot be undone.`,
              yes: 'Yes, delete the connection',
            }}
          >
            Delete the connection
          </ActionButton>
        </section>
      ) : null}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <ol className="history">
          {history.map((event) => (
            <li key={event.id}>
              <span className="history-when">{when(event.at)}</span> {CONNECTION_EVENT_LABELS[event.event] ?? event.event} ({PARTY_LABELS[event.party] ?? event.party})
              {event.note ? <span className="history-note">: {event.note}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  )
}

/** The learner's own documents in the connection, each with when the third party last opened it and how often. */
async function SharedReceipts({ connection, views, user }: { connection: Connection; views: Map<unknown, { views: number; lastViewedAt: string }>; user: Account }) {
  const ids = (connection.documents ?? []).map((d) => Number(relationId(d)))
  if (!ids.length) return null
  const payload = await portalPayload()
  const { docs } = await payload.find({ collection: 'documents', where: { id: { in: ids } }, depth: 0, limit: ids.length, overrideAccess: false, user: { ...user, collection: 'accounts' } as never })
  return (
    <ul className="receipts">
      {docs.map((d) => {
        const seen = views.get(d.id)
        return (
          <li key={d.id}>
            <strong>
              {typeLabel(d.type)} {d.reference}
            </strong>
            : {seen ? `last viewed ${when(seen.lastViewedAt)}, ${seen.views} time${seen.views === 1 ? '' : 's'} in all` : 'not viewed yet'}
          </li>
        )
      })}
    </ul>
  )
}

/** /connections/:id/documents: the learner chooses the documents (changing them, or accepting a request). */
export async function ConnectionDocumentsPage({ id }: { id: string }) {
  const user = await signedInAccount(`/connections/${id}/documents`)
  if (user.kind !== 'learner') notFound()
  const payload = await portalPayload()
  const found = await myConnection(payload, user, id)
  if (!found) notFound()
  const { connection: c } = found
  const accepting = c.status === 'pending' && c.initiatedBy === 'third-party'
  const groups = await shareableGroups(payload, user)
  return (
    <>
      <p className="breadcrumbs">
        <a href="/connections">Connections</a> › <a href={`/connections/${c.id}`}>{c.thirdPartyName}</a> › Share documents
      </p>
      <h1>Share documents</h1>
      <p className="lead">Control the documents {c.thirdPartyCompany || c.thirdPartyName} may see by choosing them below.</p>
      <DocumentsForm connection={c.id} groups={groups} checked={(c.documents ?? []).map((d) => Number(relationId(d)))} accepting={accepting} />
    </>
  )
}
