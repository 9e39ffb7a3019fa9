'use client'

import { Link, NavGroup, useAuth } from '@payloadcms/ui'
import { usePathname, useSearchParams } from 'next/navigation'

import { FULFILMENT_VIEWS } from './fulfilmentViews'

const ORDERS = '/admin/collections/orders'

/** Support staff's shortcuts in the admin's menu, after the collections. */
export function FulfilmentLinks() {
  const { user } = useAuth<{ role?: string }>()
  const pathname = usePathname()
  const search = useSearchParams()
  if (!['administrator', 'support'].includes(user?.role ?? '')) return null
  const current = pathname === ORDERS ? decodeURIComponent(search.toString()) : null
  return (
    <NavGroup label="Fulfilment">
      {FULFILMENT_VIEWS.map(({ label, query }) => {
        const active = current !== null && query.split('&').every((part) => current.split('&').includes(part))
        return (
          <Link key={label} className="nav__link" href={`${ORDERS}?${query}`} prefetch={false} aria-current={active ? 'page' : undefined}>
            {active ? <div className="nav__link-indicator" /> : null}
            <span className="nav__link-label">{label}</span>
          </Link>
        )
      })}
    </NavGroup>
  )
}
