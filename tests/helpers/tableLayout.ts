import type { Page } from 'puppeteer-core'

/**
 * What is wrong with the layout of every table on the page as it is displayed now: a table
 * wider than the box it sits in (cut off, or scrolling sideways with no cue), and a word in a
 * cell broken over two lines ("Pendin g", "07/01/20 27"). One line per problem, naming the
 * table by its caption (or its first header) and the word; empty when every table fits.
 */
export async function tableLayoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const tables = [...document.querySelectorAll('table')].filter((table) => table.checkVisibility())
    tables.forEach((table, index) => {
      const name = (table.caption?.textContent ?? table.querySelector('th')?.textContent ?? `table ${index + 1}`).trim().replace(/\s+/g, ' ')
      const box = table.getBoundingClientRect()
      // The nearest box that clips or scrolls it, or the page itself.
      let holder = table.parentElement
      while (holder && holder !== document.body && getComputedStyle(holder).overflowX === 'visible') holder = holder.parentElement
      const frame = holder && holder !== document.body ? holder : document.documentElement
      const frameBox = frame === document.documentElement ? { left: 0, right: document.documentElement.clientWidth } : frame.getBoundingClientRect()
      if (frame.scrollWidth > frame.clientWidth + 1) problems.push(`${name}: its box scrolls sideways by ${frame.scrollWidth - frame.clientWidth}px`)
      else if (box.right > frameBox.right + 1 || box.left < frameBox.left - 1) problems.push(`${name}: ${Math.round(box.width)}px wide, wider than the ${Math.round(frameBox.right - frameBox.left)}px it has`)
      if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1 && !problems.some((p) => p.startsWith(`${name}:`)))
        problems.push(`${name}: the page scrolls sideways by ${document.documentElement.scrollWidth - document.documentElement.clientWidth}px`)

      for (const cell of table.querySelectorAll('th, td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
            const range = document.createRange()
            range.setStart(node, match.index)
            range.setEnd(node, match.index + match[0].length)
            const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)))
            if (lines.size > 1) problems.push(`${name}: “${match[0]}” is broken over ${lines.size} lines`)
          }
        }
      }
    })
    return problems
  })
}
