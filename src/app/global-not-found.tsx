import type { Metadata } from 'next'
import { connection } from 'next/server'

import { PortalLayout } from '../portal/ui/PortalLayout'
import PortalNotFound from './(portal)/not-found'

/**
 * Any path no route answers (outside the admin and the API, which answer their own): the
 * portal's "Page not found", in the portal's frame, as a 404. Next renders it without the
 * route groups' layouts, so it brings the portal's frame itself.
 */
export const metadata: Metadata = { title: 'Page not found · Digital Achievement Portal', icons: { icon: '/favicon.ico' } }

export default async function GlobalNotFound() {
  // Rendered per request (the header shows who is signed in, the footer the site settings), never prerendered at build time.
  await connection()
  return (
    <PortalLayout>
      <PortalNotFound />
    </PortalLayout>
  )
}
