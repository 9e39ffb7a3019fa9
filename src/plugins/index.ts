import type { Plugin } from 'payload'

import { registrationPlugin } from './registration'

/** One plugin per capability, in the order they build on each other. */
export const plugins: Plugin[] = [registrationPlugin()]
