import type { Metadata } from 'next'
import type { ReactNode } from 'react'

import { PortalLayout } from '../../portal/ui/PortalLayout'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = {
  title: { default: 'Digital Achievement Portal', template: '%s · Digital Achievement Portal' },
  icons: { icon: '/favicon.ico' },
}

export default function Layout({ children }: { children: ReactNode }) {
  return <PortalLayout>{children}</PortalLayout>
}
