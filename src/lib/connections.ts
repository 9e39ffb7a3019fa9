import { endOfLondonDay, londonCalendarDate } from './dates'

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
  /** When it was made: a connection nobody answers lapses `ANSWER_WITHIN_DAYS` later. */
  madeAt: Date
  /** Whether the side asked ever accepted it (its history says so): only such a connection is extended once expired. */
  accepted: boolean
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

/** How long the side asked has to answer a connection before it lapses (to the end of that London day). */
export const ANSWER_WITHIN_DAYS = 30

/** The last moment a pending connection can be answered: the end of the London day `ANSWER_WITHIN_DAYS` after it was made. */
export const answerBy = (madeAt: Date): Date => endOfLondonDay(londonCalendarDate(new Date(madeAt.getTime() + ANSWER_WITHIN_DAYS * DAY_MS)))!

/** When an open connection ends by itself: its access date, and while nobody has answered it, its answer-by date if sooner. */
export function endsAt(state: Pick<ConnectionState, 'status' | 'accessUntil' | 'madeAt'>): Date {
  if (state.status !== 'pending') return state.accessUntil
  const by = answerBy(state.madeAt)
  return by.getTime() < state.accessUntil.getTime() ? by : state.accessUntil
}

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
    // Gone from the third party's list before any answer would tell it the address is a learner's.
    if (state.initiatedBy === 'third-party' && !state.accepted && state.status !== 'declined') return refuse('Decline a request before you delete it.')
    return done(null, 'deleted')
  }
  // Expired (by the job, or its date passed before the job ran): it comes back only with a new date.
  const expired = state.status === 'expired' || (isOpen(state.status) && lapsed)
  if (expired) return renew(state, action, party, now)
  if (!isOpen(state.status)) return refuse('This connection has ended.')

  switch (action.type) {
    case 'accept': {
      if (state.status !== 'pending') return refuse('This connection is already active.')
      if (party !== answererOf(state)) return refuse('The other side accepts this connection.')
      const documents = party === 'learner' ? distinct(action.documents ?? []) : state.documents
      if (!documents.length) return refuse('Choose at least one document to share.')
      return done({ ...state, status: 'active', documents, accepted: true }, 'accepted')
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
      return askForExtension(state, action.until, now)
    }
    case 'approve-extension':
    case 'decline-extension':
      return answerExtension(state, action.type, party, now)
  }
}

function askForExtension(state: ConnectionState, until: Date, now: Date): Outcome {
  if (state.extension?.status === 'requested') return refuse('An extension has already been asked for.')
  const problem = checkAccessDate(until, now)
  if (problem) return refuse(problem)
  if (until.getTime() <= state.accessUntil.getTime()) return refuse('Ask for a date after the current access date.')
  return done({ ...state, extension: { status: 'requested', until } }, 'extension-requested')
}

/** Approving makes the asked-for date the access date (and an expired connection active again); declining leaves the date. */
function answerExtension(state: ConnectionState, type: 'approve-extension' | 'decline-extension', party: Party, now: Date): Outcome {
  if (party !== 'learner') return refuse('Only the learner answers an extension request.')
  if (state.extension?.status !== 'requested') return refuse('There is no extension request to answer.')
  if (type === 'decline-extension') return done({ ...state, extension: { ...state.extension, status: 'declined' } }, 'extension-declined')
  const problem = checkAccessDate(state.extension.until, now)
  if (problem) return refuse(problem)
  return done({ ...state, status: 'active', accessUntil: state.extension.until, extension: { ...state.extension, status: 'approved' } }, 'extension-approved')
}

/**
 * An expired connection the side asked had accepted can be extended: the learner gives it a new
 * access date, or the third party asks for one and the learner approves; it is active again. One
 * that was never accepted (nobody answered in time) cannot: the learner shares again instead.
 */
function renew(state: ConnectionState, action: Exclude<ConnectionAction, { type: 'delete' | 'expire' }>, party: Party, now: Date): Outcome {
  if (!state.accepted)
    return refuse(
      action.type === 'accept' || action.type === 'decline'
        ? 'Nobody answered this connection in time, so it has lapsed.'
        : 'This connection ended before it was accepted, so it cannot be extended. Make a new connection instead.',
    )
  switch (action.type) {
    case 'change-access-date': {
      if (party !== 'learner') return refuse('Only the learner changes the access date.')
      const problem = checkAccessDate(action.until, now)
      if (problem) return refuse(problem)
      return done({ ...state, status: 'active', accessUntil: action.until }, 'extended')
    }
    case 'request-extension':
      if (party !== 'third-party') return refuse('Only the third party asks for an extension.')
      return askForExtension(state, action.until, now)
    case 'approve-extension':
    case 'decline-extension':
      return answerExtension(state, action.type, party, now)
    default:
      return refuse('This connection has expired. The learner can give it a new access date.')
  }
}

/** Whether an open connection has ended by itself at `now` (`endsAt`, the last moment, exclusive). */
export const hasLapsed = (state: Pick<ConnectionState, 'status' | 'accessUntil' | 'madeAt'>, now: Date): boolean => endsAt(state).getTime() <= now.getTime()

/**
 * Whether the third party may see the connection's documents at `now`: active, and before its
 * access date. The one definition: its SQL form (`src/plugins/connections/sql.ts`) grants the
 * documents and is tested against this on rows in the database.
 */
export function thirdPartyMaySee(state: Pick<ConnectionState, 'status' | 'accessUntil'>, now: Date): boolean {
  return state.status === 'active' && state.accessUntil.getTime() > now.getTime()
}

/** Whether the expiry job ends the connection at `now`: still open, and its end (`endsAt`) reached (what `applyConnectionAction` allows the system's `expire`). */
export function dueToExpire(state: Pick<ConnectionState, 'status' | 'accessUntil' | 'madeAt'>, now: Date): boolean {
  return isOpen(state.status) && hasLapsed(state, now)
}

/** The status a person sees at `now`: an open connection that has ended by itself is expired, whatever the job has done yet. */
export function shownStatus(state: Pick<ConnectionState, 'status' | 'accessUntil' | 'madeAt'>, now: Date): ConnectionStatus {
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
