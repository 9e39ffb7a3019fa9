import os from 'node:os'
import path from 'node:path'

/**
 * Where uploaded profile photos are kept on disk (`ACCOUNT_PHOTOS_DIR`): by default the
 * git-ignored `.data/account-photos`, and a folder in the system's temporary directory for
 * tests. Never under `public/`: files are served only through the collection's read access.
 */
export function accountPhotosDir(): string {
  if (process.env.ACCOUNT_PHOTOS_DIR) return path.resolve(process.env.ACCOUNT_PHOTOS_DIR)
  if (process.env.NODE_ENV === 'test') return path.join(os.tmpdir(), 'portal-test-account-photos')
  return path.resolve(process.cwd(), '.data', 'account-photos')
}

/** Where the awarding body's logo and signature images are kept (`BRAND_ASSETS_DIR`). */
export function brandAssetsDir(): string {
  if (process.env.BRAND_ASSETS_DIR) return path.resolve(process.env.BRAND_ASSETS_DIR)
  if (process.env.NODE_ENV === 'test') return path.join(os.tmpdir(), 'portal-test-brand-assets')
  return path.resolve(process.cwd(), '.data', 'brand-assets')
}
