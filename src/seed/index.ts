import type { CollectionSlug, Payload } from 'payload'

import { DELIVERY_OPTIONS, DEMO_PASSWORDS, DEMO_STAFF, PRODUCTS, QUALIFICATIONS } from './data'
import { seedBranding } from './brandImages'
import { seedConnections } from './connections'
import { correctSupersededDemoPages } from './correctPages'
import { seedOrders } from './orders'
import { generateRecords } from './generate'
import { DEMO_PAGES } from './pages'
import { AS_SEEDER } from './asSeeder'

type Row = Record<string, unknown>
type Log = (message: string) => void

// System task: the seed writes as the system, with audit entries and notifications off.
const AS_SYSTEM = AS_SEEDER
const CONCURRENCY = 8

/** Creates the rows whose key is not there yet; returns every key's id. Safe to run again. */
async function ensureRows(payload: Payload, collection: CollectionSlug, key: string, rows: Row[]): Promise<Map<string, number | string>> {
  const existing = await payload.find({
    collection,
    depth: 0,
    pagination: false,
    select: { [key]: true },
    ...AS_SYSTEM,
  } as never)
  const ids = new Map<string, number | string>(
    (existing.docs as unknown as Row[]).map((doc) => [String(doc[key]), doc.id as number | string]),
  )
  const missing = rows.filter((row) => !ids.has(String(row[key])))
  for (let start = 0; start < missing.length; start += CONCURRENCY) {
    await Promise.all(
      missing.slice(start, start + CONCURRENCY).map(async (row) => {
        const created = await payload.create({ collection, data: row, disableVerificationEmail: true, ...AS_SYSTEM } as never)
        ids.set(String(row[key]), (created as unknown as Row).id as number | string)
      }),
    )
  }
  return ids
}

export async function seedDemoData(payload: Payload, log: Log = console.log): Promise<void> {
  const started = Date.now()
  await ensureRows(payload, 'staff', 'email', DEMO_STAFF.map((s) => ({ ...s, password: DEMO_PASSWORDS[s.role] })))
  await payload.updateGlobal({
    slug: 'site-settings',
    data: { portalName: 'Digital Achievement Portal', awardingBodyName: 'Institute of Vocational Awards (demo)', supportEmail: 'support@demo.example', supportPhone: '+44 20 7946 0000', privacyPolicyVersion: '2026-01', seller: { name: 'Institute of Vocational Awards Ltd (demo)', vatNumber: 'GB 123 4567 89', address: '1 Example Street\nLondon\nEC1A 1BB' } },
    ...AS_SYSTEM,
  })
  await seedBranding(payload)
  await ensureRows(payload, 'pages', 'slug', DEMO_PAGES.map((page) => ({ ...page, _status: 'published' })))
  await correctSupersededDemoPages(payload)
  await ensureRows(payload, 'products', 'code', PRODUCTS.map((p) => ({ ...p, vatRatePercent: 0, active: true })))
  await ensureRows(payload, 'delivery-options', 'name', DELIVERY_OPTIONS.map((d) => ({ ...d, active: true })))
  const qualificationIds = await ensureRows(
    payload,
    'qualifications',
    'qualificationNumber',
    QUALIFICATIONS.map(([qualificationNumber, title, level, type]) => ({ qualificationNumber, title, level, type })),
  )

  const records = generateRecords()
  const candidateIds = await ensureRows(payload, 'candidates', 'candidateNumber', records.candidates)
  const candidateId = (index: number) => candidateIds.get(records.candidates[index]!.candidateNumber)!
  const achievementIds = await ensureRows(
    payload,
    'achievements',
    'reference',
    records.achievements.map(({ candidateIndex, qualificationNumber, ...achievement }) => ({
      ...achievement,
      candidate: candidateId(candidateIndex),
      qualification: qualificationIds.get(qualificationNumber),
    })),
  )
  await ensureRows(
    payload,
    'documents',
    'reference',
    records.documents.map(({ achievementReference, ...document }) => ({ ...document, achievement: achievementIds.get(achievementReference) })),
  )

  const portal = (row: Row) => ({ ...row, password: DEMO_PASSWORDS.portal, _verified: true })
  const accounts = await ensureRows(payload, 'accounts', 'email', [
    portal({ email: 'learner@demo.example', kind: 'learner', status: 'approved', firstName: 'Claire', lastName: 'Hammond', candidate: candidateId(0) }),
    portal({ email: 'learner2@demo.example', kind: 'learner', status: 'approved', firstName: records.candidates[1]!.firstName, lastName: records.candidates[1]!.surname, candidate: candidateId(1) }),
    portal({
      email: 'pending@demo.example',
      kind: 'learner',
      status: 'awaiting-review',
      firstName: 'Jo',
      lastName: records.candidates[2]!.surname,
      registration: { candidateNumber: records.candidates[2]!.candidateNumber, dateOfBirth: records.candidates[2]!.dateOfBirth, matchOutcome: 'mismatch' },
    }),
    portal({ email: 'employer@demo.example', kind: 'third-party', status: 'approved', firstName: 'Morgan', lastName: 'Hiring', companyName: 'Acme Recruitment Ltd', jobTitle: 'HR Manager' }),
    portal({ email: 'university@demo.example', kind: 'third-party', status: 'approved', firstName: 'Riley', lastName: 'Admissions', companyName: 'University of Exampleton', jobTitle: 'Admissions Officer' }),
  ])
  await seedConnections(payload, accounts)
  await seedOrders(payload, Number(accounts.get('learner@demo.example')))
  log(`Demo data is in place (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}

export async function seedDemoDataIfEmpty(payload: Payload, log: Log = console.log): Promise<void> {
  const { totalDocs } = await payload.count({ collection: 'staff', overrideAccess: true })
  if (totalDocs > 0) {
    // Demo data from before: its help answers are brought up to date with the product.
    const corrected = await correctSupersededDemoPages(payload)
    if (corrected.length) log(`Corrected the demo help pages: ${corrected.join(', ')}`)
    return
  }
  log('Empty database: seeding demo data')
  await seedDemoData(payload, log)
  log('Demo sign-ins (password in brackets):')
  for (const staff of DEMO_STAFF) log(`  admin /admin   ${staff.email} (${DEMO_PASSWORDS[staff.role]})  ${staff.role}`)
  log(`  portal /       learner@demo.example, employer@demo.example, university@demo.example (${DEMO_PASSWORDS.portal})`)
}
