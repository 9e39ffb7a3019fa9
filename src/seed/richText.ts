type Block = { heading: string } | { paragraph: string } | { list: string[] }

const text = (value: string) => ({ type: 'text', text: value, format: 0, detail: 0, mode: 'normal', style: '', version: 1 })
const element = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  type,
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
  ...extra,
})
const link = (label: string, url: string) => element('link', [text(label)], { fields: { linkType: 'custom', url, newTab: false } })

/** A line of text in which `[label](/path)` is a link. */
function inline(value: string) {
  return value
    .split(/(\[[^\]]+\]\([^)]+\))/)
    .filter(Boolean)
    .map((part) => {
      const match = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(part)
      return match ? link(match[1]!, match[2]!) : text(part)
    })
}

/** Lexical editor state for simple seeded pages: headings, paragraphs and bullet lists, with links written `[label](/path)`. */
export function richText(blocks: Block[]) {
  return {
    root: element(
      'root',
      blocks.map((block) => {
        if ('heading' in block) return element('heading', [text(block.heading)], { tag: 'h2' })
        if ('list' in block)
          return element(
            'list',
            block.list.map((item, index) => element('listitem', inline(item), { value: index + 1 })),
            { listType: 'bullet', start: 1, tag: 'ul' },
          )
        return element('paragraph', inline(block.paragraph), { textFormat: 0, textStyle: '' })
      }),
    ),
  }
}
