import type { CollectionConfig } from 'payload'

import { anyone, contentStaff } from '../../access/rules'
import { brandAssetsDir } from '../../lib/storage'
import { auditTrail } from '../AuditLog/auditTrail'
import { ADMIN_GROUPS } from '../fields'

/** The awarding body's logo and signatory's signature, printed on every document. */
export const BrandAssets: CollectionConfig = {
  slug: 'brand-assets',
  labels: { singular: 'Brand image', plural: 'Brand images' },
  admin: { group: ADMIN_GROUPS.content, useAsTitle: 'description', description: 'Logo and signature images used on certificates, transcripts and letters (PNG or JPEG).' },
  access: { read: anyone, create: contentStaff, update: contentStaff, delete: contentStaff },
  upload: { staticDir: brandAssetsDir(), mimeTypes: ['image/png', 'image/jpeg'], crop: false, focalPoint: false },
  fields: [{ name: 'description', type: 'text', required: true, maxLength: 200 }],
  hooks: auditTrail('brand-assets'),
  timestamps: true,
}
export default BrandAssets
