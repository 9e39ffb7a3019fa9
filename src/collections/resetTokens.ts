import type { CollectionBeforeChangeHook } from 'payload'

import { hashLinkToken } from '../lib/tokens'

/**
 * Payload's forgot-password makes a reset token and writes it to the account; only its
 * SHA-256 is kept, so a copy of the database (or anyone reading the table) opens no account.
 * The link emailed carries the token itself; our reset endpoints hash what they are given.
 */
export const storeResetTokenHashed: CollectionBeforeChangeHook = ({ data }) => {
  if (typeof data?.resetPasswordToken === 'string' && data.resetPasswordToken) data.resetPasswordToken = hashLinkToken(data.resetPasswordToken)
  return data
}
