import { redirect } from 'next/navigation'

import { isActivePortalAccount, relationId } from '../../access/users'
import { signInPath } from '../../lib/returnPath'
import { portalPayload, signedInUser } from '../payload'
import { NoDocumentsNotice } from './notices'

type Tile = { title: string; href: string; text: string }

/** The signed-in home: tiles for each area, with the connection counts. */
export async function DashboardPage() {
  const user = await signedInUser()
  if (!user || user.collection !== 'accounts') redirect(signInPath('/dashboard'))
  const payload = await portalPayload()
  const as = { overrideAccess: false, user } as const
  const isLearner = user.kind === 'learner'
  // Either kind counts the connections it is party to, read as itself; one whose access date has passed counts for nothing.
  // An account not (or no longer) approved reaches no connections: the collection would refuse the count.
  const now = new Date().toISOString()
  const count = async (status: string) =>
    isActivePortalAccount(user)
      ? (await payload.count({ collection: 'connections', where: { status: { equals: status }, accessUntil: { greater_than: now } }, ...as })).totalDocs
      : 0
  const [active, pending] = await Promise.all([count('active'), count('pending')])
  const tiles: Tile[] = [
    ...(isLearner ? [{ title: 'Documents', href: '/documents', text: 'View your certificates and transcripts, report a problem, order a printed copy.' }] : []),
    {
      title: 'Connections',
      href: '/connections',
      text: `You have ${active} active connection${active === 1 ? '' : 's'} and ${pending} pending connection${pending === 1 ? '' : 's'}.`,
    },
    ...(isLearner
      ? [
          { title: 'Store', href: '/store', text: 'Order duplicate certificates, reprints and proof-of-qualification letters.' },
          { title: 'Orders', href: '/orders', text: 'See your orders and where they are.' },
        ]
      : []),
    { title: 'Profile', href: '/profile', text: 'Your personal details, address book, password and photo.' },
    { title: 'Support', href: '/help/contact-support', text: 'Contact our support team.' },
    { title: 'FAQ', href: '/help/faq', text: 'Answers to common questions.' },
  ]
  const seesDocuments = isLearner && user.status === 'approved' && relationId(user.candidate) !== null
  return (
    <>
      <h1>Welcome, {user.firstName}</h1>
      <p className="lead">{isLearner ? 'Your learner dashboard.' : `Your dashboard${user.companyName ? ` for ${user.companyName}` : ''}.`}</p>
      {seesDocuments ? null : <NoDocumentsNotice account={user} />}
      <ul className="cards">
        {tiles.map((tile) => (
          <li key={tile.title} className="card">
            <h2 className="card-title">
              <a href={tile.href}>{tile.title}</a>
            </h2>
            <p>{tile.text}</p>
          </li>
        ))}
      </ul>
    </>
  )
}
