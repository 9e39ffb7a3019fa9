import { cookies } from 'next/headers'

import { isProduction } from '../../lib/env'
import type { CheckoutDraft } from '../../plugins/store'

const COOKIE = 'checkout-draft'

/** Checkout's steps so far, kept in the learner's browser between steps; every value is checked again when the order is placed. */
export async function readDraft(): Promise<CheckoutDraft> {
  const raw = (await cookies()).get(COOKIE)?.value
  if (!raw) return {}
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown
    return parsed && typeof parsed === 'object' ? (parsed as CheckoutDraft) : {}
  } catch {
    return {}
  }
}

export async function writeDraft(draft: CheckoutDraft) {
  ;(await cookies()).set(COOKIE, Buffer.from(JSON.stringify(draft)).toString('base64url'), {
    httpOnly: true,
    sameSite: 'lax',
    secure: isProduction(),
    path: '/',
    maxAge: 6 * 60 * 60,
  })
}

export async function clearDraft() {
  ;(await cookies()).delete(COOKIE)
}
