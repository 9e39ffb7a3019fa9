import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DEMO_PASSWORDS, DEMO_STAFF } from '../../src/seed/data'
import { branding } from '../../src/portal/documents/render'
import { renderDocumentPdf } from '../../src/documents/pdf'
import { flatText, pdfImages, sampleFacts } from '../helpers/pdf'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let t: TestPayload
beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.close())

const COLLECTIONS = ['staff', 'accounts', 'candidates', 'qualifications', 'achievements', 'documents', 'products', 'delivery-options', 'pages'] as const

async function counts() {
  const result: Record<string, number> = {}
  for (const collection of COLLECTIONS) result[collection] = (await t.payload.count({ collection, overrideAccess: true })).totalDocs
  return result
}

describe('demo seed', () => {
  it('fills an empty database, and running it again changes nothing', async () => {
    const { seedDemoData } = await import('../../src/seed')
    await seedDemoData(t.payload, () => {})
    const first = await counts()
    expect(first).toMatchObject({ staff: 3, qualifications: 20, achievements: 400, documents: 800, products: 3, 'delivery-options': 3, pages: 5, accounts: 5 })
    expect(first.candidates).toBeGreaterThanOrEqual(200)
    await seedDemoData(t.payload, () => {})
    expect(await counts()).toEqual(first)
  }, 120_000)

  it('gives the demo accounts connections in every state, from both sides, that they can read', async () => {
    const { docs } = await t.payload.find({ collection: 'connections', overrideAccess: true, depth: 0, pagination: false, joins: false })
    const kinds = new Set(docs.map((c) => `${c.status}${c.extension?.status === 'requested' ? '+extension' : ''}:${c.initiatedBy}`))
    expect([...kinds].sort()).toEqual(['active+extension:third-party', 'active:learner', 'cancelled:learner', 'expired:learner', 'pending:learner', 'pending:third-party'])
    const { user } = await t.payload.login({ collection: 'accounts', data: { email: 'employer@demo.example', password: DEMO_PASSWORDS.portal } })
    const employer = { ...user!, collection: 'accounts' } as never
    const shared = await t.payload.find({ collection: 'documents', overrideAccess: false, user: employer, depth: 0 })
    expect(shared.docs.length).toBe(2) // the active connection's two documents; the expired one's are not seen
  })

  it('every achievement has a certificate and a transcript with units', async () => {
    const { docs } = await t.payload.find({ collection: 'documents', where: { type: { equals: 'transcript' } }, limit: 5, depth: 0, overrideAccess: true })
    expect(docs[0]!.units!.length).toBeGreaterThanOrEqual(3)
    const certificates = await t.payload.count({ collection: 'documents', where: { type: { equals: 'certificate' } }, overrideAccess: true })
    expect(certificates.totalDocs).toBe(400)
  })

  it('has the prices of the specification, in pence', async () => {
    const { docs: products } = await t.payload.find({ collection: 'products', overrideAccess: true, sort: 'code' })
    expect(Object.fromEntries(products.map((p) => [p.code, p.pricePence]))).toMatchObject({ 'DUP-CERT': 3050, 'DUP-TRANSCRIPT': 2588 })
    const { docs: delivery } = await t.payload.find({ collection: 'delivery-options', overrideAccess: true, sort: 'sortOrder' })
    expect(delivery.map((d) => [d.region, d.pricePence])).toEqual([['uk', 0], ['uk', 350], ['international', 1225]])
  })

  it('the demo sign-ins printed in the README work, and the demo learner sees only their own documents', async () => {
    for (const staff of DEMO_STAFF) {
      const { user } = await t.payload.login({ collection: 'staff', data: { email: staff.email, password: DEMO_PASSWORDS[staff.role] } })
      expect(user!.role).toBe(staff.role)
    }
    const { user: learnerUser } = await t.payload.login({ collection: 'accounts', data: { email: 'learner@demo.example', password: DEMO_PASSWORDS.portal } })
    const learner = learnerUser!
    const own = await t.payload.find({ collection: 'documents', overrideAccess: false, user: { ...learner, collection: 'accounts' }, depth: 0, pagination: false })
    expect(own.docs.length).toBeGreaterThanOrEqual(2)
    const candidateId = typeof learner.candidate === 'object' ? learner.candidate?.id : learner.candidate
    expect(new Set(own.docs.map((d) => d.candidate))).toEqual(new Set([candidateId]))
  })

  it('gives the demo awarding body a logo, a signatory and a signature, printed on its documents', async () => {
    const look = await branding(t.payload)
    expect(look).toMatchObject({ signatoryName: 'Dr Helen Marsh', signatoryTitle: 'Chief Executive' })
    expect(look.logo?.subarray(1, 4).toString()).toBe('PNG')
    expect(look.signature?.subarray(1, 4).toString()).toBe('PNG')
    const pdf = await renderDocumentPdf(sampleFacts(), look)
    expect(flatText(pdf)).toContain('Dr Helen Marsh')
    // The QR code, the logo and the signature (each PNG with its alpha channel as a mask of its own).
    const sizes = pdfImages(pdf).map(({ width, height }) => `${width}x${height}`)
    expect(sizes).toEqual(expect.arrayContaining(['1120x320', '840x240']))
  })
})
