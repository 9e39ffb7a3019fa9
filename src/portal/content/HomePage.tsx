import { portalPayload, siteSettings } from '../payload'
import { HelpCards } from './HelpCards'

export async function HomePage() {
  const settings = await siteSettings()
  const payload = await portalPayload()
  const { docs: helpPages } = await payload.find({
    collection: 'pages',
    where: { section: { equals: 'help' } },
    sort: 'order',
    depth: 0,
    select: { title: true, slug: true, summary: true },
    overrideAccess: false,
    user: null,
  })
  return (
    <>
      <h1>{settings.portalName}</h1>
      <p className="lead">
        See and download your official certificates and transcripts from {settings.awardingBodyName}; employers and
        universities check any of them by its reference or QR code.
      </p>
      <div className="actions">
        <a className="button" href="/sign-in">
          Sign in
        </a>
        <a className="button secondary" href="/register">
          Register as a learner
        </a>
        <a className="button secondary" href="/register/third-party">
          Register as an employer or university
        </a>
      </div>
      <p>
        Holding a printed certificate? <a href="/verify">Check a document</a> with the code printed on it. No account needed.
      </p>
      <h2>Help</h2>
      <HelpCards pages={helpPages} />
    </>
  )
}
