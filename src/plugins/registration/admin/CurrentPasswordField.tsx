'use client'

import { FieldDescription, PasswordField } from '@payloadcms/ui'

/** The admin's "current password" box on a staff member's own account (see `ownChangesNeedCurrentPassword`). */
export function CurrentPasswordField() {
  return (
    <div>
      <PasswordField autoComplete="current-password" field={{ name: 'currentPassword', label: 'Current password' }} path="currentPassword" validate={() => true} />
      <FieldDescription description="Needed only to change your email address or password." marginPlacement="top" path="currentPassword" />
    </div>
  )
}
