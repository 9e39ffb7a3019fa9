import type { CollectionConfig } from 'payload'

import { nobody } from '../../access/rules'

/** Failed sign-in counts per IP and per account-from-IP, in the database so every app process shares them. */
export const SignInThrottles: CollectionConfig = {
  slug: 'sign-in-throttles',
  admin: { hidden: true },
  access: { create: nobody, read: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'key', type: 'text', required: true, unique: true, index: true },
    { name: 'failures', type: 'number', required: true, defaultValue: 0 },
    { name: 'firstFailureAt', type: 'date', required: true },
    { name: 'blockedUntil', type: 'date', index: true },
  ],
  timestamps: true,
}
export default SignInThrottles
