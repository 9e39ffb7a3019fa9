import { rm } from 'node:fs/promises'
import path from 'node:path'

import type { CollectionAfterOperationHook, CollectionBeforeDeleteHook, PayloadRequest } from 'payload'

import { orderAfterAccountDeletion } from '../../../lib/profile'
import { accountPhotosDir } from '../../../lib/storage'

const EMPTY_ADDRESS = { fullName: null, line1: null, line2: null, town: null, county: null, postcode: null, country: null }

export type ErasureSummary = { photos: number; connections: number; connectionsCancelled: number; enquiries: number; ordersKept: number; outbox: number }

/**
 * Before an account is deleted, whoever deletes it (the holder from their profile, or an
 * administrator), its personal data elsewhere goes with it: photos (and their files),
 * the connections it made, its enquiries, messages kept in the email outbox. Orders stay,
 * detached from the account and stripped of what the law does not need us to keep
 * (`orderAfterAccountDeletion`). All in the delete's own transaction (`req`).
 * System task: the rows belong to the account being deleted and some are closed to it.
 */
export const erasePersonalData: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const summary = await eraseAccountData(req, id)
  req.context.erasure = summary
}

async function eraseAccountData(req: PayloadRequest, id: number | string): Promise<ErasureSummary> {
  const { payload } = req
  const system = { overrideAccess: true, depth: 0, req } as const
  const account = await payload.findByID({ collection: 'accounts', id, select: { email: true }, ...system })

  // The rows go in the transaction; their files only once it is committed (see removeErasedPhotoFiles).
  const photos = await payload.find({ collection: 'account-photos', where: { account: { equals: id } }, pagination: false, select: { filename: true }, ...system })
  await payload.db.deleteMany({ collection: 'account-photos', where: { account: { equals: id } }, req })
  req.context.erasedPhotoFiles = photos.docs.map((photo) => photo.filename).filter((name): name is string => Boolean(name))
  const connections = await payload.delete({ collection: 'connections', where: { learner: { equals: id } }, ...system })
  const cancelled = await payload.update({
    collection: 'connections',
    where: { and: [{ thirdParty: { equals: id } }, { status: { in: ['pending', 'active'] } }] },
    data: { status: 'cancelled' },
    ...system,
  })
  const enquiries = await payload.delete({ collection: 'enquiries', where: { reporter: { equals: id } }, ...system })
  const outbox = account?.email ? await payload.delete({ collection: 'email-outbox', where: { to: { equals: account.email } }, ...system }) : { docs: [] }

  const { docs: orders } = await payload.find({ collection: 'orders', where: { account: { equals: id } }, pagination: false, select: { status: true, paidAt: true }, ...system })
  for (const order of orders) {
    const rule = orderAfterAccountDeletion(order)
    await payload.update({
      collection: 'orders',
      id: order.id,
      data: {
        accountDeletedAt: new Date().toISOString(),
        ...(rule.cancel ? { status: 'cancelled' as const } : {}),
        ...(rule.clearBilling ? { billingAddress: EMPTY_ADDRESS } : {}),
        ...(rule.clearDelivery ? { deliveryAddress: EMPTY_ADDRESS } : {}),
      },
      ...system,
    })
  }
  // The orders' link to the account is cleared by the database when the account row goes.
  return {
    photos: photos.docs.length,
    connections: connections.docs.length,
    connectionsCancelled: cancelled.docs.length,
    enquiries: enquiries.docs.length,
    ordersKept: orders.length,
    outbox: outbox.docs.length,
  }
}

/**
 * Removes the photo files of an erased account once nothing can roll the erasure back. A
 * file cannot come back with a rolled-back row, so it goes last: after Payload's own delete
 * (this hook, `afterOperation`), or, where the caller's transaction goes on after the delete
 * (`context.keepErasedPhotoFiles`), by the caller once it has committed.
 */
export const removeErasedPhotoFilesAfterDelete: CollectionAfterOperationHook = async ({ operation, req, result }) => {
  if ((operation === 'delete' || operation === 'deleteByID') && !req.context.keepErasedPhotoFiles) await removeErasedPhotoFiles(req.context)
  return result
}

export async function removeErasedPhotoFiles(context: PayloadRequest['context']): Promise<void> {
  const files = (context.erasedPhotoFiles as string[] | undefined) ?? []
  await Promise.all(files.map((name) => rm(path.join(accountPhotosDir(), path.basename(name)), { force: true })))
  context.erasedPhotoFiles = []
}
