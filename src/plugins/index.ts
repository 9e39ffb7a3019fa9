import type { Plugin } from 'payload'

import { enquiriesPlugin } from './enquiries'
import { issuingPlugin } from './issuing'
import { registrationPlugin } from './registration'

/** One plugin per capability, in the order they build on each other. */
export const plugins: Plugin[] = [registrationPlugin(), issuingPlugin(), enquiriesPlugin()]
