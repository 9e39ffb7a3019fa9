import type { ReactNode } from 'react'

import type { SignedInUser } from '../../access/users'
import { formatPence } from '../../lib/money'
import type { Account } from '../../payload-types'
import { basketHasItems, basketSummary } from '../../plugins/store'
import { myBasket } from '../store/data'
import { signOut } from '../account/actions'
import { ActionNoticeMemory } from './ActionNotice'
import { portalPayload, signedInUser, siteSettings } from '../payload'
import './portal.css'

/**
 * The header's links. Wide screens show them in a row; phones get the same list behind a
 * "Menu" disclosure (a <details>, so it works without JavaScript), with a learner's Store,
 * Orders and basket kept out of it in a row of their own, one tap away. Only one of each is
 * displayed at any width, so screen readers meet each link once.
 */
type Basket = { count: number; totalPence: number }

const itemsIn = (basket: Basket | null) => `${basket?.count ?? 0} item${basket?.count === 1 ? '' : 's'}`

/** A learner's store links (third parties have no store). */
function StoreLinks({ basket, compact }: { basket: Basket | null; compact?: boolean }) {
  return (
    <>
      <li>
        <a href="/store">Store</a>
      </li>
      <li>
        <a href="/orders">Orders</a>
      </li>
      <li>
        <a href="/basket" className="basket">
          {compact ? (
            <>
              Basket ({basket?.count ?? 0})<span className="visually-hidden">: {itemsIn(basket)}, {formatPence(basket?.totalPence ?? 0)}</span>
            </>
          ) : (
            <>
              Basket: {itemsIn(basket)}, {formatPence(basket?.totalPence ?? 0)}
            </>
          )}
        </a>
      </li>
    </>
  )
}

function NavLinks({ account, basket, withStore }: { account: Pick<Account, 'kind'> | null; basket: Basket | null; withStore: boolean }) {
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
          {withStore && account.kind === 'learner' ? <StoreLinks basket={basket} /> : null}
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
  const learner = account?.kind === 'learner' ? (account as SignedInUser) : null
  const payload = await portalPayload()
  const basket = !learner ? null : (await basketHasItems(payload, learner)) ? basketSummary((await myBasket(payload, learner)).lines) : basketSummary([])
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
              <NavLinks account={account} basket={basket} withStore />
            </nav>
            <details className="nav-menu">
              <summary>Menu</summary>
              <nav aria-label="Main">
                <NavLinks account={account} basket={basket} withStore={false} />
              </nav>
            </details>
          </div>
          {account?.kind === 'learner' ? (
            <nav aria-label="Store" className="store-bar">
              <ul className="nav-list container">
                <StoreLinks basket={basket} compact />
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" className="container main">
          <ActionNoticeMemory>{children}</ActionNoticeMemory>
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
