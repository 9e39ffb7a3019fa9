/**
 * Connections (sharing): the one state machine. Every change to a connection's status, its
 * access date, its documents or an extension request goes through `applyConnectionAction`,
 * which says whether the party may do it now and what the connection becomes. Pure: no
 * database, the time is an argument.
 */

export type ConnectionStatus = 'pending' | 'active' | 'declined' | 'cancelled' | 'expired'
export type ExtensionStatus = 'requested' | 'approved' | 'declined'
/** `support`: staff acting on a learner's request (they may only cancel). */
export type Party = 'learner' | 'third-party' | 'support' | 'system'

export type ConnectionState = {
  status: ConnectionStatus
  initiatedBy: 'learner' | 'third-party'
  /** The last moment the third party may see the documents (exclusive). */
  accessUntil: Date
  documents: readonly number[]
  extension: { status: ExtensionStatus; until: Date } | null
}

export type ConnectionAction =
  | { type: 'accept'; documents?: readonly number[] }
  | { type: 'decline' }
  | { type: 'cancel' }
  | { type: 'delete' }
  | { type: 'change-access-date'; until: Date }
  | { type: 'change-documents'; documents: readonly number[] }
  | { type: 'request-extension'; until: Date }
  | { type: 'approve-extension' }
  | { type: 'decline-extension' }
  | { type: 'expire' }

export type ConnectionEvent =
  | 'accepted'
  | 'declined'
  | 'cancelled'
  | 'deleted'
  | 'extended'
  | 'shortened'
  | 'documents-changed'
  | 'extension-requested'
  | 'extension-approved'
  | 'extension-declined'
  | 'expired'

export type Outcome =
  | { ok: true; next: ConnectionState | null; event: ConnectionEvent }
  | { ok: false; reason: string }

/** The longest a share may run: two years from now. */
export const MAX_ACCESS_DAYS = 731
const DAY_MS = 24 * 60 * 60 * 1000

const OPEN: readonly ConnectionStatus[] = ['pending', 'active']
export const isOpen = (status: ConnectionStatus) => OPEN.includes(status)

/** Who must answer a pending connection: the side that did not start it. */
const answererOf = (state: ConnectionState): Party => (state.initiatedBy === 'learner' ? 'third-party' : 'learner')

/** Whether `until` is a date a share may run to, made at `now`: after now, at most two years ahead. */
export function checkAccessDate(until: Date, now: Date): string | null {
  if (Number.isNaN(until.getTime())) return 'Enter a real date.'
  if (until.getTime() <= now.getTime()) return 'The access date must be in the future.'
  if (until.getTime() - now.getTime() > MAX_ACCESS_DAYS * DAY_MS) return 'The access date can be at most two years from today.'
  return null
}

const refuse = (reason: string): Outcome => ({ ok: false, reason })
const done = (next: ConnectionState | null, event: ConnectionEvent): Outcome => ({ ok: true, next, event })
const distinct = (documents: readonly number[]) => [...new Set(documents)]

/** What `party` doing `action` at `now` makes of the connection (`next: null` when deleted), or why it may not. */
export function applyConnectionAction(state: ConnectionState, action: ConnectionAction, party: Party, now: Date): Outcome {
  const lapsed = hasLapsed(state, now)
  if (action.type === 'expire') {
    if (party !== 'system') return refuse('Only the system expires connections.')
    if (!isOpen(state.status)) return refuse('This connection has already ended.')
    if (!lapsed) return refuse('This connection’s access date has not passed.')
    return done({ ...state, status: 'expired', extension: state.extension?.status === 'requested' ? { ...state.extension, status: 'declined' } : state.extension }, 'expired')
  }
  if (party === 'system') return refuse('The system only expires connections.')
  if (party === 'support' && action.type !== 'cancel') return refuse('Support staff can only cancel a connection.')
  if (action.type === 'delete') {
    if (party !== 'learner') return refuse('Only the learner deletes a connection.')
    return done(null, 'deleted')
  }
  if (!isOpen(state.status)) return refuse('This connection has ended.')
  if (lapsed) return refuse('This connection’s access date has passed.')

  switch (action.type) {
    case 'accept': {
      if (state.status !== 'pending') return refuse('This connection is already active.')
      if (party !== answererOf(state)) return refuse('The other side accepts this connection.')
      const documents = party === 'learner' ? distinct(action.documents ?? []) : state.documents
      if (!documents.length) return refuse('Choose at least one document to share.')
      return done({ ...state, status: 'active', documents }, 'accepted')
    }
    case 'decline':
      if (state.status !== 'pending') return refuse('Only a pending connection can be declined.')
      if (party !== answererOf(state)) return refuse('The other side answers this connection.')
      return done({ ...state, status: 'declined' }, 'declined')
    case 'cancel':
      if (party === 'learner') return refuse('Only the third party cancels; the learner deletes.')
      return done({ ...state, status: 'cancelled' }, 'cancelled')
    case 'change-access-date': {
      if (party !== 'learner') return refuse('Only the learner changes the access date.')
      const problem = checkAccessDate(action.until, now)
      if (problem) return refuse(problem)
      if (action.until.getTime() === state.accessUntil.getTime()) return refuse('That is the access date already.')
      const longer = action.until.getTime() > state.accessUntil.getTime()
      return done({ ...state, accessUntil: action.until }, longer ? 'extended' : 'shortened')
    }
    case 'change-documents': {
      if (party !== 'learner') return refuse('Only the learner chooses the documents shared.')
      const documents = distinct(action.documents)
      if (!documents.length) return refuse('Choose at least one document to share, or delete the connection.')
      return done({ ...state, documents }, 'documents-changed')
    }
    case 'request-extension': {
      if (party !== 'third-party') return refuse('Only the third party asks for an extension.')
      if (state.status !== 'active') return refuse('An extension can be asked for once the connection is active.')
      if (state.extension?.status === 'requested') return refuse('An extension has already been asked for.')
      const problem = checkAccessDate(action.until, now)
      if (problem) return refuse(problem)
      if (action.until.getTime() <= state.accessUntil.getTime()) return refuse('Ask for a date after the current access date.')
      return done({ ...state, extension: { status: 'requested', until: action.until } }, 'extension-requested')
    }
    case 'approve-extension':
    case 'decline-extension': {
      if (party !== 'learner') return refuse('Only the learner answers an extension request.')
      if (state.extension?.status !== 'requested') return refuse('There is no extension request to answer.')
      if (action.type === 'decline-extension') return done({ ...state, extension: { ...state.extension, status: 'declined' } }, 'extension-declined')
      const problem = checkAccessDate(state.extension.until, now)
      if (problem) return refuse(problem)
      return done({ ...state, accessUntil: state.extension.until, extension: { ...state.extension, status: 'approved' } }, 'extension-approved')
    }
  }
}

/** Whether the connection's access date has been reached at `now` (the date is the last moment, exclusive). */
export const hasLapsed = (state: Pick<ConnectionState, 'accessUntil'>, now: Date): boolean => state.accessUntil.getTime() <= now.getTime()

/**
 * Whether the third party may see the connection's documents at `now`: active, and before its
 * access date. The one definition: its SQL form (`src/plugins/connections/sql.ts`) grants the
 * documents and is tested against this on rows in the database.
 */
export function thirdPartyMaySee(state: Pick<ConnectionState, 'status' | 'accessUntil'>, now: Date): boolean {
  return state.status === 'active' && !hasLapsed(state, now)
}

/** Whether the expiry job ends the connection at `now`: still open, and its access date reached (what `applyConnectionAction` allows the system's `expire`). */
export function dueToExpire(state: Pick<ConnectionState, 'status' | 'accessUntil'>, now: Date): boolean {
  return isOpen(state.status) && hasLapsed(state, now)
}

/** The status a person sees at `now`: an open connection whose access date has passed is expired, whatever the job has done yet. */
export function shownStatus(state: Pick<ConnectionState, 'status' | 'accessUntil'>, now: Date): ConnectionStatus {
  return dueToExpire(state, now) ? 'expired' : state.status
}

/**
 * Whether the third party may know which learner the connection is with: the learner made it,
 * or answered the third party's request by accepting it (accepting chooses the documents, and
 * a request has none until then). Until then its request must say nothing of whose address it
 * asked, whether or not the address is a learner's.
 */
export function learnerKnownToThirdParty(c: { initiatedBy?: ConnectionState['initiatedBy'] | null; documents?: readonly unknown[] | null }): boolean {
  return c.initiatedBy === 'learner' || (c.initiatedBy === 'third-party' && (c.documents?.length ?? 0) > 0)
}
