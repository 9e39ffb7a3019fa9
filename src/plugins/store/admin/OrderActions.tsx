'use client'

/** The order's staff actions (hold, release, cancel, refund): see the store plugin's staff endpoint. */
export function OrderActions() {
  return null
}
