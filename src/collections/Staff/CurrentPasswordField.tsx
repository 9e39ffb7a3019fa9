'use client'

import { PasswordField } from '@payloadcms/ui'

/** The admin's "current password" box on a staff member's own account (see `ownChangesNeedCurrentPassword`). */
export function CurrentPasswordField() {
  return (
    <PasswordField
      autoComplete="current-password"
      field={{
        name: 'currentPassword',
        label: 'Current password',
        admin: { description: 'Needed only to change your email address or password.' },
      }}
      path="currentPassword"
      validate={() => true}
    />
  )
}
