const WITHHELD = '[link withheld: only its recipient may have it]'

/** The message with every address in it replaced, for a stored copy nobody may use to sign in. */
export function withoutLinks(body: string): string
export function withoutLinks(body: string | undefined | null): string | undefined | null
export function withoutLinks(body: string | undefined | null) {
  return body?.replace(/https?:\/\/[^\s"'<>]+/g, WITHHELD)
}
