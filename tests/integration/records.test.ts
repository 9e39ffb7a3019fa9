import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { rejectionOf } from '../helpers/errors'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let t: TestPayload
beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.close())

const system = { overrideAccess: true, depth: 0 } as const

describe('records', () => {
  it('two candidates cannot share a number written differently', async () => {
    const { payload } = t
    await payload.create({ collection: 'candidates', data: { candidateNumber: '00123 45', firstName: 'Ada', surname: 'Lovelace', dateOfBirth: '1990-06-15T00:00:00.000Z' }, ...system })
    await expect(
      payload.create({ collection: 'candidates', data: { candidateNumber: '12345', firstName: 'Other', surname: 'Person', dateOfBirth: '1991-01-01T00:00:00.000Z' }, ...system }),
    ).rejects.toThrow(/candidateNumberNormalised|unique|already/i)
    const { docs } = await payload.find({ collection: 'candidates', where: { candidateNumberNormalised: { equals: '12345' } }, ...system })
    expect(docs).toHaveLength(1)
  })

  it('a new document gets a reference, an unguessable code and its achievement’s candidate and date', async () => {
    const { payload } = t
    const candidate = await payload.create({ collection: 'candidates', data: { candidateNumber: 'A900', firstName: 'Bo', surname: 'Smith', dateOfBirth: '1985-02-01T00:00:00.000Z' }, ...system })
    const qualification = await payload.create({ collection: 'qualifications', data: { qualificationNumber: '603/4182/8', title: 'Level 3 Diploma', level: '3', type: 'regulated' }, ...system })
    const achievement = await payload.create({ collection: 'achievements', data: { candidate: candidate.id, qualification: qualification.id, grade: 'Pass', issueDate: '2024-07-01T00:00:00.000Z' }, ...system })
    expect(achievement.reference).toMatch(/^\d{8}-01-[A-Z0-9]{4}$/)
    const document = await payload.create({ collection: 'documents', data: { achievement: achievement.id, type: 'certificate', status: 'valid' }, ...system })
    expect(document.verificationCode).toMatch(/^[A-Za-z0-9_-]{27}$/)
    expect(document.reference).toMatch(/^\d{8}-01-[A-Z0-9]{4}$/)
    expect(document.candidate).toBe(candidate.id)
    expect(document.issueDate).toBe('2024-07-01T00:00:00.000Z')
    expect(document.status).toBe('valid')
  })

  it('rejects bad input with a clear message and stores nothing', async () => {
    const { payload } = t
    const badNumber = await rejectionOf(
      payload.create({ collection: 'qualifications', data: { qualificationNumber: '6034182', title: 'Bad', level: '3', type: 'regulated' }, ...system }),
    )
    expect(badNumber).toMatchObject({ status: 400, messages: expect.stringMatching(/regulated format, for example 603\/4182\/8/) })
    const badPrice = await rejectionOf(
      payload.create({ collection: 'products', data: { name: 'Bad', code: 'BAD', pricePence: 30.5, vatRatePercent: 0 }, ...system }),
    )
    expect(badPrice.messages).toMatch(/whole pence/)
    const badEmail = await rejectionOf(
      payload.create({ collection: 'candidates', data: { candidateNumber: 'X1', firstName: 'A', surname: 'B', dateOfBirth: '1990-01-01T00:00:00.000Z', email: 'not-an-email' }, ...system }),
    )
    expect(badEmail.messages).toMatch(/email address in the correct format/)
    const badExpiry = await rejectionOf(
      payload.create({ collection: 'achievements', data: { candidate: 1, qualification: 1, grade: 'Pass', issueDate: '2024-07-01T00:00:00.000Z', expiryDate: '2020-01-01T00:00:00.000Z' }, ...system }),
    )
    expect(badExpiry.messages).toMatch(/expiry date must be after the issue date/)
    expect((await payload.count({ collection: 'qualifications', where: { title: { equals: 'Bad' } }, ...system })).totalDocs).toBe(0)
    expect((await payload.count({ collection: 'products', ...system })).totalDocs).toBe(0)
  })
})
