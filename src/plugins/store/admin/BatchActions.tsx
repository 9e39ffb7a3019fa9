'use client'

/** The print batch's actions (printer CSV, labels, printed, dispatched with tracking). */
export function BatchActions() {
  return null
}
