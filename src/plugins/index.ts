import type { Plugin } from 'payload'

/** One plugin per capability, in the order they build on each other. */
export const plugins: Plugin[] = []
