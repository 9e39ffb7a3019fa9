import { RichText } from '@payloadcms/richtext-lexical/react'
import { notFound } from 'next/navigation'

import { portalPayload } from '../payload'

export async function HelpPage({ slug }: { slug: string }) {
  const payload = await portalPayload()
  const { docs } = await payload.find({
    collection: 'pages',
    where: { slug: { equals: slug } },
    limit: 1,
    depth: 0,
    overrideAccess: false,
    user: null,
  })
  const page = docs[0]
  if (!page) notFound()
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <a href="/">Home</a> › <a href="/help">Help</a> › {page.title}
      </nav>
      <h1>{page.title}</h1>
      <article className="prose">
        <RichText data={page.content} />
      </article>
    </>
  )
}

export async function helpPageTitle(slug: string): Promise<string> {
  const payload = await portalPayload()
  const { docs } = await payload.find({ collection: 'pages', where: { slug: { equals: slug } }, limit: 1, depth: 0, select: { title: true }, overrideAccess: false, user: null })
  return docs[0]?.title ?? 'Page not found'
}
