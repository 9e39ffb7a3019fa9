import type { GlobalConfig } from 'payload'

import { administrators, anyone } from '../access/rules'
import { checkOptionalEmail } from '../lib/formats'
import { ADMIN_GROUPS } from '../collections/fields'

const hexColour = (value: unknown) => !value || /^#[0-9a-fA-F]{6}$/.test(String(value)) || 'Give the colour as # and six hexadecimal digits, for example #1d4f91.'

export const SiteSettings: GlobalConfig = {
  slug: 'site-settings',
  label: 'Site settings',
  admin: { group: ADMIN_GROUPS.content },
  access: { read: anyone, update: administrators },
  fields: [
    { name: 'portalName', label: 'Portal name', type: 'text', required: true, defaultValue: 'Digital Achievement Portal' },
    { name: 'awardingBodyName', label: 'Awarding body', type: 'text', required: true, defaultValue: 'Awarding Body' },
    {
      type: 'row',
      fields: [
        { name: 'supportEmail', label: 'Support email', type: 'email', required: true, defaultValue: 'support@example.org', validate: (value: unknown) => checkOptionalEmail(value) },
        { name: 'supportPhone', label: 'Support phone', type: 'text', maxLength: 30 },
      ],
    },
    {
      name: 'privacyPolicyVersion',
      label: 'Privacy policy version',
      type: 'text',
      required: true,
      defaultValue: '1.0',
      admin: { description: 'Recorded with each registrant’s consent. Change it when the policy changes.' },
    },
    {
      name: 'branding',
      label: 'Documents: branding',
      type: 'group',
      admin: { description: 'How certificates, transcripts and letters look. Changes apply to every document the next time it is opened.' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'primaryColour', label: 'Main colour', type: 'text', defaultValue: '#1d4f91', validate: hexColour },
            { name: 'accentColour', label: 'Accent colour', type: 'text', defaultValue: '#b08d2f', validate: hexColour },
          ],
        },
        {
          type: 'row',
          fields: [
            { name: 'signatoryName', label: 'Signatory', type: 'text', maxLength: 100 },
            { name: 'signatoryTitle', label: 'Signatory’s title', type: 'text', maxLength: 100 },
          ],
        },
        {
          type: 'row',
          fields: [
            { name: 'logo', type: 'upload', relationTo: 'brand-assets' },
            { name: 'signature', label: 'Signature image', type: 'upload', relationTo: 'brand-assets' },
          ],
        },
      ],
    },
  ],
}
export default SiteSettings
