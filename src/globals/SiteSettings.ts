import type { GlobalConfig } from 'payload'

import { administrators, anyone } from '../access/rules'
import { checkOptionalEmail } from '../lib/formats'
import { ADMIN_GROUPS } from '../collections/fields'

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
  ],
}
export default SiteSettings
