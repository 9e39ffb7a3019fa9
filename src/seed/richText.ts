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

/** Lexical editor state for simple seeded pages: headings, paragraphs and bullet lists. */
export function richText(blocks: Block[]) {
  return {
    root: element(
      'root',
      blocks.map((block) => {
        if ('heading' in block) return element('heading', [text(block.heading)], { tag: 'h2' })
        if ('list' in block)
          return element(
            'list',
            block.list.map((item, index) => element('listitem', [text(item)], { value: index + 1 })),
            { listType: 'bullet', start: 1, tag: 'ul' },
          )
        return element('paragraph', [text(block.paragraph)], { textFormat: 0, textStyle: '' })
      }),
    ),
  }
}
