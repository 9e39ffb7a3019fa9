import type { Page } from 'puppeteer-core'

/**
 * What is wrong with the layout of the tables on the page as it is drawn now, one line per
 * problem (none: an empty list). For every portal table, at any width:
 * - the table is wider than its box (the element holding it), or a cell's content is wider than
 *   the cell: something is cut off or scrolls sideways;
 * - a word is broken across lines: one word's text has its pieces on more than one line
 *   ("Pendin / g", "07/01/20 / 27"). Text that only screen readers get (clipped to a pixel) is
 *   not drawn, so not checked.
 * `selector` picks the tables (every table in `main` by default).
 */
export async function tableLayoutProblems(page: Page, selector = 'main table'): Promise<string[]> {
  return page.$$eval(selector, (tables) => {
    const problems: string[] = []
    const label = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)
    const drawn = (el: Element) => {
      const box = el.getBoundingClientRect()
      return box.width > 1 && box.height > 1
    }
    tables.forEach((table, index) => {
      const name = `table ${index + 1}${table.querySelector('caption') ? ` (“${label(table.querySelector('caption')!)}”)` : ''}`
      const box = table.parentElement!
      const tableBox = table.getBoundingClientRect()
      const holder = box.getBoundingClientRect()
      if (tableBox.right > holder.right + 1 || tableBox.left < holder.left - 1 || box.scrollWidth > box.clientWidth + 1)
        problems.push(`${name} is ${Math.round(Math.max(tableBox.width, box.scrollWidth))} px wide in a box of ${Math.round(box.clientWidth)} px`)
      for (const cell of table.querySelectorAll('th, td')) {
        if (!drawn(cell)) continue
        if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`${name}: “${label(cell)}” is wider than its cell (${cell.scrollWidth} px in ${cell.clientWidth} px)`)
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement
          if (!parent || !drawn(parent)) continue
          const text = node.textContent ?? ''
          for (const match of text.matchAll(/\S+/g)) {
            const range = document.createRange()
            range.setStart(node, match.index)
            range.setEnd(node, match.index + match[0].length)
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)))
            if (lines.size > 1) problems.push(`${name}: the word “${match[0]}” is broken across ${lines.size} lines`)
          }
        }
      }
    })
    return problems
  })
}
