import { randomUUID } from 'node:crypto'

import { ValidationError, type CollectionAfterChangeHook, type CollectionBeforeOperationHook, type CollectionConfig } from 'payload'

import { anyOf, creatingForSelf, nobody, ownedByAccount, supportStaff } from '../../access/rules'
import { relationId } from '../../access/users'
import { checkPhoto, PHOTO_MIME_TYPES } from '../../lib/photos'
import { accountPhotosDir } from '../../lib/storage'
import { auditTrail } from '../AuditLog/auditTrail'
import { ADMIN_GROUPS } from '../fields'

/**
 * Every upload, whichever way it comes (portal, REST, admin), is checked by its content and
 * stored under a random name: the person's own file name never reaches the disk or a URL.
 */
const checkAndRenameUpload: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = req.file
  if (!file) return args
  const bytes = file.data?.length ? file.data : file.tempFilePath ? await import('node:fs/promises').then((fs) => fs.readFile(file.tempFilePath!)) : Buffer.alloc(0)
  const check = checkPhoto({ size: file.size || bytes.length, bytes })
  if (!check.ok) throw new ValidationError({ collection: 'account-photos', errors: [{ message: check.error, path: 'file' }] })
  file.name = `${randomUUID()}.${check.extension}`
  file.mimetype = check.mimeType
  return args
}

/**
 * One photo per account however it arrives (portal, REST, admin): a new one replaces the
 * ones before it, in the same transaction. System task: it removes only rows of the account
 * the new photo belongs to.
 */
const replacePreviousPhotos: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  const account = relationId(doc.account)
  await req.payload.delete({
    collection: 'account-photos',
    where: { and: [{ account: { equals: account } }, { id: { not_equals: doc.id } }] },
    overrideAccess: true,
    req,
  })
  return doc
}

/**
 * Profile photos of portal accounts. Seen only by the account holder and support staff:
 * the files are served through this collection's read access, never from a public folder.
 */
const audit = auditTrail('account-photos')

export const AccountPhotos: CollectionConfig = {
  slug: 'account-photos',
  labels: { singular: 'Profile photo', plural: 'Profile photos' },
  admin: {
    group: ADMIN_GROUPS.people,
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'account', 'createdAt'],
    description: 'Photos that account holders added to their profile. Only the account holder and support staff can see them.',
  },
  access: {
    create: creatingForSelf('account'),
    read: anyOf(supportStaff, ownedByAccount('account')),
    update: nobody, // a new photo replaces the old one
    delete: anyOf(supportStaff, ownedByAccount('account')),
  },
  upload: {
    staticDir: accountPhotosDir(),
    mimeTypes: [...PHOTO_MIME_TYPES],
    crop: false,
    focalPoint: false,
    modifyResponseHeaders: ({ headers }) => {
      headers.set('Cache-Control', 'private, no-store')
      return headers
    },
  },
  fields: [
    {
      name: 'account',
      type: 'relationship',
      relationTo: 'accounts',
      required: true,
      index: true,
      admin: { readOnly: true },
    },
  ],
  hooks: { ...audit, beforeOperation: [checkAndRenameUpload], afterChange: [...audit.afterChange, replacePreviousPhotos] },
  timestamps: true,
}
export default AccountPhotos
