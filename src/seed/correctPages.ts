import type { Payload } from 'payload'

import { richText } from './richText'
import { SUPERSEDED_DEMO_TEXT } from './pages'

type Node = { type?: string; text?: string; children?: Node[] }

const textOf = (node: Node): string => (node.text ?? '') + (node.children ?? []).map(textOf).join('')

/**
 * Existing demo data gets the corrected help answers: a published demo page's heading or
 * paragraph still reading exactly as a superseded one is replaced by its correction; anything
 * staff changed is left alone. Returns the slugs of the pages it changed.
 */
export async function correctSupersededDemoPages(payload: Payload): Promise<string[]> {
  const changed: string[] = []
  for (const slug of new Set(SUPERSEDED_DEMO_TEXT.map((entry) => entry.slug))) {
    const { docs } = await payload.find({ collection: 'pages', where: { slug: { equals: slug } }, limit: 1, depth: 0, overrideAccess: true })
    const page = docs[0]
    const root = (page?.content as { root?: Node } | undefined)?.root
    if (!page || !root?.children) continue
    let replaced = false
    const children = root.children.map((node) => {
      const correction = SUPERSEDED_DEMO_TEXT.find((entry) => entry.slug === slug && textOf(node) === entry.was && node.type === ('heading' in entry.now ? 'heading' : 'paragraph'))
      if (!correction) return node
      replaced = true
      return richText([correction.now]).root.children[0]
    })
    if (!replaced) continue
    await payload.update({ collection: 'pages', id: page.id, data: { content: { ...page.content, root: { ...root, children } }, _status: 'published' } as never, overrideAccess: true, context: { skipAudit: true, seeding: true } })
    changed.push(slug)
  }
  return changed
}
