import type { ReactNode } from 'react'

import type { SignedInUser } from '../../access/users'
import { formatPence } from '../../lib/money'
import type { Account } from '../../payload-types'
import { basketSummary } from '../../plugins/store'
import { myBasket } from '../store/data'
import { signOut } from '../account/actions'
import { portalPayload, signedInUser, siteSettings } from '../payload'
import './portal.css'

/**
 * The header's links. Wide screens show them in a row; phones get the same list behind a
 * "Menu" disclosure (a <details>, so it works without JavaScript). Only one of the two is
 * displayed at any width, so screen readers meet one navigation.
 */
type Basket = { count: number; totalPence: number }

function NavLinks({ account, basket }: { account: Pick<Account, 'kind'> | null; basket: Basket | null }) {
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
                Basket: {basket?.count ?? 0} item{basket?.count === 1 ? '' : 's'}, {formatPence(basket?.totalPence ?? 0)}
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
  const basket = account?.kind === 'learner' ? basketSummary((await myBasket(await portalPayload(), account as SignedInUser)).lines) : null
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
              <NavLinks account={account} basket={basket} />
            </nav>
            <details className="nav-menu">
              <summary>Menu</summary>
              <nav aria-label="Main">
                <NavLinks account={account} basket={basket} />
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
