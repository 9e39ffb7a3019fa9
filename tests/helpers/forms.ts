const ENTITIES: Record<string, string> = { amp: '&', quot: '"', '#x27': "'", '#39': "'", lt: '<', gt: '>' }
const decode = (value: string) => value.replace(/&(amp|quot|#x27|#39|lt|gt);/g, (_, name: string) => ENTITIES[name]!)

const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name.replace(/\$/g, '\\$')}="([^"]*)"`).exec(tag)
  return match ? decode(match[1]!) : undefined
}

/** The forms of a page as served (before any script runs): each form's tag and inner HTML. */
export function formsIn(html: string): Array<{ tag: string; body: string }> {
  return [...html.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form>/g)].map((match) => ({ tag: match[1]!, body: match[2]! }))
}

/** The hidden fields of a form: what a browser sends besides what the person typed (Next's action ids among them). */
export function hiddenFields(formBody: string): Array<[string, string]> {
  return [...formBody.matchAll(/<input\b[^>]*>/g)]
    .map((match) => match[0])
    .filter((tag) => attribute(tag, 'type') === 'hidden' && attribute(tag, 'name') !== undefined)
    .map((tag) => [attribute(tag, 'name')!, attribute(tag, 'value') ?? ''])
}

/**
 * Submits a form the way a browser without JavaScript does: a multipart POST of its hidden
 * fields and `fields` to the page it is on, with the session cookie. Next runs the form's
 * server action and answers with the page it renders, or a redirect.
 */
export async function submitForm(pageUrl: string, formBody: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  const form = new FormData()
  for (const [name, value] of hiddenFields(formBody)) if (!(name in fields)) form.append(name, value)
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  return fetch(pageUrl, { method: 'POST', body: form, redirect: 'manual', headers: { Origin: new URL(pageUrl).origin, ...(cookie ? { Cookie: cookie } : {}) } })
}

/** The text of each `<label>` in the HTML, without the markup inside it (a required field's star aside). */
export function labelsIn(html: string): string[] {
  return [...html.matchAll(/<label\b[^>]*>([\s\S]*?)<\/label>/g)].map((match) =>
    decode(match[1]!.replace(/<span aria-hidden="true">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '').replace(/<!-- -->/g, ''))
      .replace(/\s+/g, ' ')
      .trim(),
  )
}
