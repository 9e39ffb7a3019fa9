'use client'

import { Link, NavGroup, useAuth } from '@payloadcms/ui'
import { usePathname, useSearchParams } from 'next/navigation'

/** The orders list filtered to one step of fulfilment (the list's own filter, in its address). */
export const FULFILMENT_VIEWS = [
  { label: 'Orders to fulfil', query: 'where[status][equals]=paid&where[printBatch][exists]=false' },
  { label: 'Printed, to dispatch', query: 'where[status][equals]=printed' },
  { label: 'Orders on hold', query: 'where[status][equals]=on-hold' },
  { label: 'Payments to check', query: 'where[paymentProblem][exists]=true' },
] as const

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
