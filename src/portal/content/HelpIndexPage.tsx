import { PAGE_SECTIONS } from '../../collections/Pages'
import { portalPayload } from '../payload'
import { HelpCards } from './HelpCards'

export async function HelpIndexPage() {
  const payload = await portalPayload()
  const { docs } = await payload.find({
    collection: 'pages',
    sort: 'order',
    depth: 0,
    pagination: false,
    select: { title: true, slug: true, summary: true, section: true },
    overrideAccess: false,
    user: null,
  })
  return (
    <>
      <h1>Help and support</h1>
      {PAGE_SECTIONS.map((section) => {
        const pages = docs.filter((page) => page.section === section.value)
        return pages.length ? (
          <section key={section.value} aria-labelledby={`section-${section.value}`}>
            <h2 id={`section-${section.value}`}>{section.label}</h2>
            <HelpCards pages={pages} />
          </section>
        ) : null
      })}
    </>
  )
}
