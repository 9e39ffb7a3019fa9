import { isIPv4, isIPv6 } from 'node:net'

/** Longest text taken from the "Check a document" box: a pasted verification address fits with room to spare. */
export const MAX_CODE_INPUT = 500

/**
 * The verification code in what someone typed or pasted: the code itself, or the whole
 * address (`https://…/verify/<code>`, with or without a query or fragment). Spaces and line
 * breaks are dropped, so a code copied across two lines still works. The result is only
 * looked up, never trusted: a malformed one simply finds nothing.
 */
export function codeFromInput(input: string): string {
  let text = input.slice(0, MAX_CODE_INPUT).trim()
  const at = text.lastIndexOf('/verify/')
  if (at >= 0) text = text.slice(at + '/verify/'.length)
  text = text.split(/[/?#]/, 1)[0] ?? ''
  return text.replace(/\s+/g, '')
}

/** Expands an IPv6 address to its eight groups (no `::`), lower case. */
function ipv6Groups(address: string): string[] {
  let text = address.toLowerCase().split('%')[0]!
  // A trailing dotted IPv4 part (::ffff:192.0.2.1) becomes two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, null]
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = tail === null ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
  return groups.map((g) => g.replace(/^0+(?=.)/, ''))
}

/**
 * The address a throttle counts against: an IPv4 address as it is (also when written as an
 * IPv4-mapped IPv6 address), an IPv6 address by its /64 network, since one subscriber usually
 * holds a whole /64 and could otherwise step through addresses to dodge the count.
 */
export function throttleAddress(ip: string): string {
  if (isIPv4(ip)) return ip
  // The common case on a dual-stack socket, without parsing: ::ffff:198.51.100.7
  if (ip.startsWith('::ffff:') && isIPv4(ip.slice(7))) return ip.slice(7)
  if (!isIPv6(ip)) return ip.slice(0, 100) || 'unknown'
  const groups = ipv6Groups(ip)
  if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') {
    const [hi, lo] = [parseInt(groups[6]!, 16), parseInt(groups[7]!, 16)]
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`
  }
  return `${groups.slice(0, 4).join(':')}::/64`
}

/** The key of an address's count of verification codes that found nothing (in the sign-in-throttles table). */
export const verifyThrottleKey = (ip: string) => `verify:ip:${throttleAddress(ip)}`
