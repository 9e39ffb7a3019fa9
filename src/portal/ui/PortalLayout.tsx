import type { ReactNode } from 'react'

import type { Account } from '../../payload-types'
import { signOut } from '../account/actions'
import { signedInUser, siteSettings } from '../payload'
import './portal.css'

/**
 * The header's links. Wide screens show them in a row; phones get the same list behind a
 * "Menu" disclosure (a <details>, so it works without JavaScript). Only one of the two is
 * displayed at any width, so screen readers meet one navigation.
 */
function NavLinks({ account }: { account: Pick<Account, 'kind'> | null }) {
  return (
    <ul className="nav-list">
      <li>
        <a href="/help">Help</a>
      </li>
      <li>
        <a href="/help/faq">FAQ</a>
      </li>
      <li>
        <a href="/help/contact-support">Support</a>
      </li>
      {account ? (
        <>
          <li>
            <a href="/dashboard">Dashboard</a>
          </li>
          {account.kind === 'learner' ? (
            <li>
              <a href="/documents">Documents</a>
            </li>
          ) : null}
          <li>
            <a href="/connections">Connections</a>
          </li>
          <li>
            <a href="/profile">Profile</a>
          </li>
          {account.kind === 'learner' ? (
            <li>
              <a href="/basket" className="basket">
                Basket: 0 items, £0.00
              </a>
            </li>
          ) : null}
          <li>
            <form action={signOut}>
              <button className="link-button nav-button" type="submit">
                Sign out
              </button>
            </form>
          </li>
        </>
      ) : (
        <li>
          <a className="nav-button" href="/sign-in">
            Sign in
          </a>
        </li>
      )}
    </ul>
  )
}

/** The frame of every portal page: header with navigation, main content, footer with support details. */
export async function PortalLayout({ children }: { children: ReactNode }) {
  const [settings, user] = await Promise.all([siteSettings(), signedInUser()])
  const account = user?.collection === 'accounts' ? user : null
  return (
    <html lang="en-GB">
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <header className="site-header">
          <div className="container header-inner">
            <a className="site-name" href="/">
              {settings.portalName}
            </a>
            <nav aria-label="Main" className="nav-wide">
              <NavLinks account={account} />
            </nav>
            <details className="nav-menu">
              <summary>Menu</summary>
              <nav aria-label="Main">
                <NavLinks account={account} />
              </nav>
            </details>
          </div>
        </header>
        <main id="main" className="container main">
          {children}
        </main>
        <footer className="site-footer">
          <div className="container footer-inner">
            <p>
              {settings.awardingBodyName}. Support: <a href={`mailto:${settings.supportEmail}`}>{settings.supportEmail}</a>
              {settings.supportPhone ? <> · {settings.supportPhone}</> : null}
            </p>
            <p>
              <a href="/help/privacy-policy">Privacy policy</a> · <a href="/help">Help</a> · <a href="/verify">Check a document</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  )
}
