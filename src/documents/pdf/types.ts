/** How the awarding body's documents look: its name, marks and colours. */
export type Branding = {
  awardingBodyName: string
  portalName: string
  /** PNG or JPEG bytes. */
  logo?: Buffer | null
  signatoryName?: string | null
  signatoryTitle?: string | null
  /** PNG or JPEG bytes of the signatory's signature. */
  signature?: Buffer | null
  /** Hex colour such as '#1d4f91'. */
  primaryColour: string
  accentColour: string
}

export type DocumentUnit = { code: string; title: string; credits: number; grade?: string | null }

/** The plain facts one official document prints (no Payload objects). */
export type DocumentFacts = {
  type: 'certificate' | 'transcript' | 'proof-letter'
  /** The document's own reference, e.g. 'CERT-2024-000123'. */
  reference: string
  fullName: string
  /** Left out of the copy served on the public verification page, which never shows it. */
  candidateNumber?: string | null
  /** e.g. '603/1234/5' */
  qualificationNumber: string
  qualificationTitle: string
  /** e.g. '3' or 'Entry' */
  level?: string | null
  grade: string
  /** ISO date 'YYYY-MM-DD' (or a full ISO instant); printed dd/mm/yyyy in Europe/London. */
  issueDate: string
  awardDate?: string | null
  centre?: string | null
  expiryDate?: string | null
  units?: DocumentUnit[]
  /** Printed as text and encoded in the QR code. */
  verifyUrl: string
  /**
   * The document's own status. A document that is not valid carries a REVOKED / SUPERSEDED /
   * EXPIRED watermark and banner; a valid one whose `expiryDate` has passed on the day it is
   * rendered (London) is shown as expired.
   */
  status: 'valid' | 'revoked' | 'superseded' | 'expired'
  /** On a third party's copy only: whose document it is, for how long, and where to check it. */
  sharedView?: string | null
  /** Proof-of-qualification letter only. */
  recipientAddress?: string[] | null
}
