import { expect } from 'vitest'

/**
 * A page's scripts all run under its content security policy: the policy allows scripts
 * only with a nonce, a fresh one per response, and every script tag on the page carries it.
 */
export async function expectScriptsUnderPolicy(url: string, headers: Record<string, string> = {}): Promise<void> {
  const [first, second] = [await fetch(url, { headers }), await fetch(url, { headers })]
  const nonceOf = (response: Response) => /script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(response.headers.get('content-security-policy') ?? '')?.[1]
  const nonce = nonceOf(first)
  expect(nonce, `${url}: a script nonce in the policy`).toMatch(/^[A-Za-z0-9+/]{22}==$/)
  expect(nonceOf(second), `${url}: a new nonce for each response`).not.toBe(nonce)
  const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? []
  expect(scripts.length, `${url}: the page has scripts to check`).toBeGreaterThan(0)
  expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`)), `${url}: scripts without the nonce`).toEqual([])
}
