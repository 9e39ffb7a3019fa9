import type { Payload } from 'payload'

import { endOfLondonDay, londonCalendarDate } from '../lib/dates'
import { AS_SEEDER } from './asSeeder'

// System task: the seed writes as the system, with audit entries and notifications off.
const AS_SYSTEM = { ...AS_SEEDER, depth: 0 } as const
const DAY = 86_400_000

type Event = [event: string, party: string, daysAgo: number, note?: string]
type Demo = {
  learner: number | null
  thirdParty: number | null
  thirdPartyName: string
  thirdPartyEmail: string
  thirdPartyCompany?: string
  learnerEmail?: string
  requestMessage?: string
  initiatedBy: 'learner' | 'third-party'
  status: 'pending' | 'active' | 'declined' | 'cancelled' | 'expired'
  days: number
  documents: number[]
  extension?: { status: 'requested'; days: number; message: string }
  events: Event[]
}

const dayFromNow = (days: number) => endOfLondonDay(londonCalendarDate(new Date(Date.now() + days * DAY)))!.toISOString()

/** Connections in every state, from both sides, so the portal can be tried at once. Only when there are none yet. */
export async function seedConnections(payload: Payload, accounts: Map<string, number | string>): Promise<void> {
  if ((await payload.count({ collection: 'connections', overrideAccess: true })).totalDocs > 0) return
  const id = (email: string) => Number(accounts.get(email))
  const documentsOf = async (email: string) => {
    const account = await payload.findByID({ collection: 'accounts', id: id(email), ...AS_SYSTEM })
    const { docs } = await payload.find({ collection: 'documents', where: { candidate: { equals: account.candidate }, status: { equals: 'valid' }, type: { not_equals: 'badge' } }, limit: 4, sort: 'id', ...AS_SYSTEM })
    return docs.map((d) => d.id)
  }
  const claire = id('learner@demo.example')
  const second = id('learner2@demo.example')
  const employer = id('employer@demo.example')
  const university = id('university@demo.example')
  const claires = await documentsOf('learner@demo.example')
  const seconds = await documentsOf('learner2@demo.example')
  const acme = { thirdPartyName: 'Morgan Hiring', thirdPartyEmail: 'employer@demo.example', thirdPartyCompany: 'Acme Recruitment Ltd' }
  const uni = { thirdPartyName: 'Riley Admissions', thirdPartyEmail: 'university@demo.example', thirdPartyCompany: 'University of Exampleton' }
  const demos: Demo[] = [
    { learner: claire, thirdParty: employer, ...acme, initiatedBy: 'learner', status: 'active', days: 60, documents: claires.slice(0, 2), events: [['created', 'learner', 9], ['accepted', 'third-party', 8]] },
    {
      learner: claire, thirdParty: university, ...uni, initiatedBy: 'third-party', status: 'active', days: 12, documents: claires.slice(0, 1),
      learnerEmail: 'learner@demo.example', requestMessage: 'We are checking your application for the MSc.',
      extension: { status: 'requested', days: 120, message: 'Our admissions panel meets in March.' },
      events: [['requested', 'third-party', 20], ['accepted', 'learner', 19], ['extension-requested', 'third-party', 1, 'Our admissions panel meets in March.']],
    },
    { learner: claire, thirdParty: university, ...uni, initiatedBy: 'third-party', status: 'pending', days: 30, documents: [], learnerEmail: 'learner@demo.example', requestMessage: 'Please share your transcript for our records.', events: [['requested', 'third-party', 0]] },
    { learner: claire, thirdParty: null, thirdPartyName: 'Sam Northwind', thirdPartyEmail: 'hr@northwind.example', thirdPartyCompany: 'Northwind Traders', initiatedBy: 'learner', status: 'pending', days: 28, documents: claires.slice(0, 1), events: [['created', 'learner', 2]] },
    { learner: claire, thirdParty: employer, ...acme, initiatedBy: 'learner', status: 'expired', days: -3, documents: claires.slice(0, 1), events: [['created', 'learner', 40], ['accepted', 'third-party', 39], ['expired', 'system', 3]] },
    ...(second && seconds.length
      ? ([
          { learner: second, thirdParty: employer, ...acme, initiatedBy: 'learner', status: 'cancelled', days: 20, documents: seconds.slice(0, 1), events: [['created', 'learner', 10], ['accepted', 'third-party', 9], ['cancelled', 'third-party', 4]] },
          { learner: second, thirdParty: employer, ...acme, initiatedBy: 'learner', status: 'pending', days: 30, documents: seconds.slice(0, 2), events: [['created', 'learner', 1]] },
        ] satisfies Demo[])
      : []),
  ]
  for (const { days, extension, events, ...demo } of demos) {
    if (!demo.learner || (demo.status !== 'pending' && !demo.documents.length)) continue
    const connection = await payload.create({
      collection: 'connections',
      data: { ...demo, accessUntil: dayFromNow(days), ...(extension ? { extension: { status: extension.status, until: dayFromNow(extension.days), message: extension.message } } : {}) } as never,
      ...AS_SYSTEM,
    })
    for (const [event, party, daysAgo, note] of events)
      await payload.create({ collection: 'connection-events', data: { connection: connection.id, event, party, at: new Date(Date.now() - daysAgo * DAY).toISOString(), note } as never, ...AS_SYSTEM })
    if (demo.status === 'active' && demo.thirdParty === employer)
      await payload.create({ collection: 'connection-views', data: { connection: connection.id, document: demo.documents[0], views: 3, lastViewedAt: new Date(Date.now() - 2 * DAY).toISOString() } as never, ...AS_SYSTEM })
  }
}
