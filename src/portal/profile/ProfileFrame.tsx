import type { ReactNode } from 'react'

import { ActionNotice } from '../ui/ActionNotice'
import './profile.css'

export type ProfileSection = 'details' | 'addresses' | 'password' | 'photo' | 'delete'

const SECTIONS: Array<{ key: ProfileSection; href: string; label: string }> = [
  { key: 'details', href: '/profile', label: 'Personal details' },
  { key: 'addresses', href: '/profile/addresses', label: 'Address book' },
  { key: 'password', href: '/profile/password', label: 'Change password' },
  { key: 'photo', href: '/profile/photo', label: 'Photo' },
  { key: 'delete', href: '/profile/delete', label: 'Delete my account' },
]

/** Every profile page: breadcrumbs, the profile's own navigation beside (or, on a phone, above) the page. */
export function ProfileFrame({ section, title, crumbs = [], children }: { section: ProfileSection; title: string; crumbs?: Array<{ href: string; label: string }>; children: ReactNode }) {
  // The profile's first page is "Profile" in the trail; the others sit under it.
  const onFirstPage = section === 'details'
  const trail = [{ href: '/dashboard', label: 'Dashboard' }, ...(onFirstPage ? [] : [{ href: '/profile', label: 'Profile' }]), ...crumbs]
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          {trail.map((crumb) => (
            <li key={crumb.href}>
              <a href={crumb.href}>{crumb.label}</a>
            </li>
          ))}
          <li aria-current="page">{onFirstPage ? 'Profile' : title}</li>
        </ol>
      </nav>
      <div className="profile-layout">
        <nav aria-label="Profile" className="profile-nav">
          <ul>
            {SECTIONS.map((item) => (
              <li key={item.key}>
                <a href={item.href} aria-current={item.key === section ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="profile-content">
          <h1>{title}</h1>
          {children}
        </div>
      </div>
    </>
  )
}

/** A message at the top of a page after something was done, read out when it appears. */
/** The answer to the last change, passed as `?done=`: shown once, and not above the next form's error (ActionNotice). */
export function Done({ text }: { text?: string }) {
  return <ActionNotice text={text} param="done" />
}
