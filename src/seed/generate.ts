import { pick, seededRandom } from '../lib/random'
import { CENTRES, FIRST_NAMES, GRADES, MIDDLE_NAMES, QUALIFICATIONS, SURNAMES, UNIT_TITLES } from './data'

export const CANDIDATE_COUNT = 240
export const ACHIEVEMENT_COUNT = 400

const asciiFold = (value: string) => value.normalize('NFKD').replace(/[^A-Za-z]/g, '').toLowerCase()
const isoDate = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).toISOString()
const SUFFIX_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** Deterministic demo records: the same on every machine and every run. */
export function generateRecords() {
  const random = seededRandom(2026)
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const usedDigits = new Set<string>()
  const freshDigits = () => {
    for (;;) {
      const digits = String(int(1_000_000, 99_999_999)).padStart(8, '0')
      if (!usedDigits.has(digits)) return usedDigits.add(digits), digits
    }
  }
  const suffix = () => Array.from({ length: 4 }, () => pick(random, [...SUFFIX_ALPHABET])).join('')

  const candidates = Array.from({ length: CANDIDATE_COUNT }, (_, i) => {
    const firstName = i === 0 ? 'Claire' : pick(random, FIRST_NAMES)
    const surname = i === 0 ? 'Hammond' : pick(random, SURNAMES)
    return {
      candidateNumber: String(2_956_700 + i * 37).padStart(8, '0'),
      firstName,
      middleNames: pick(random, MIDDLE_NAMES) || undefined,
      surname,
      dateOfBirth: isoDate(int(1962, 2006), int(1, 12), int(1, 28)),
      email: `${asciiFold(firstName)}.${asciiFold(surname)}${i}@learner.example`,
      centre: pick(random, CENTRES),
    }
  })

  const achievements = Array.from({ length: ACHIEVEMENT_COUNT }, (_, i) => {
    const candidateIndex = i % CANDIDATE_COUNT
    const qualification = pick(random, QUALIFICATIONS)
    const issueYear = int(2014, 2026)
    const issueDate = isoDate(issueYear, int(1, issueYear === 2026 ? 10 : 12), int(1, 28))
    const expires = qualification[3] === 'accreditation' || qualification[3] === 'membership'
    return {
      candidateIndex,
      qualificationNumber: qualification[0],
      reference: `${freshDigits()}-${String(Math.floor(i / CANDIDATE_COUNT) + 1).padStart(2, '0')}-${suffix()}`,
      grade: pick(random, GRADES),
      issueDate,
      expiryDate: expires ? isoDate(issueYear + 3, 12, 31) : undefined,
      centre: candidates[candidateIndex]!.centre,
    }
  })

  const documents = achievements.flatMap((achievement) => {
    const digits = freshDigits()
    const units = Array.from({ length: int(3, 6) }, (_, u) => ({
      code: `U${String(100 + u * 7 + int(0, 6))}`,
      title: UNIT_TITLES[(u + int(0, 9)) % UNIT_TITLES.length]!,
      credits: pick(random, [5, 6, 8, 10, 12, 15]),
      grade: pick(random, ['Pass', 'Merit', 'Distinction']),
    }))
    return [
      { achievementReference: achievement.reference, type: 'certificate', reference: `${digits}-01-${suffix()}` },
      { achievementReference: achievement.reference, type: 'transcript', reference: `${digits}-02-${suffix()}`, units },
    ]
  })

  return { candidates, achievements, documents }
}
