import type { CollectionConfig } from 'payload'

import { AccountPhotos } from './AccountPhotos'
import { Accounts } from './Accounts'
import { Achievements } from './Achievements'
import { AuditLog } from './AuditLog'
import { BrandAssets } from './BrandAssets'
import { Candidates } from './Candidates'
import { Documents } from './Documents'
import { EmailOutbox } from './EmailOutbox'
import { Pages } from './Pages'
import { Qualifications } from './Qualifications'
import { SignInThrottles } from './SignInThrottles'
import { Staff } from './Staff'

/** In admin navigation order within each group (a capability's own collections come from its plugin: connections, store, enquiries). */
export const collections: CollectionConfig[] = [
  Candidates,
  Qualifications,
  Achievements,
  Documents,
  Accounts,
  AccountPhotos,
  Pages,
  BrandAssets,
  Staff,
  AuditLog,
  EmailOutbox,
  SignInThrottles,
]
