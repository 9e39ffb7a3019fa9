import type { Plugin } from 'payload'

import { connectionsPlugin } from './connections'
import { emailDeliveryPlugin } from './email-delivery'
import { enquiriesPlugin } from './enquiries'
import { issuingPlugin } from './issuing'
import { registrationPlugin } from './registration'
import { renderedDocumentsPlugin } from './rendered-documents'
import { sortAccessPlugin } from './sortAccess'
import { storePlugin } from './store'

/** One plugin per capability, in the order they build on each other; then the rule every collection follows. */
export const plugins: Plugin[] = [emailDeliveryPlugin(), registrationPlugin(), issuingPlugin(), enquiriesPlugin(), connectionsPlugin(), storePlugin(), renderedDocumentsPlugin(), sortAccessPlugin()]
