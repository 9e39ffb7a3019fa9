'use client'

import { useEffect } from 'react'

/**
 * The answer to the last action, passed to the page it redirected to as `?<param>=…` ("Access
 * date shortened", "Your details have been saved"). It belongs to that one action, so:
 * - once shown, the parameter leaves the address (a reload, a bookmark or a shared link does not
 *   say it again), and the next form posted on the page posts to the clean address;
 * - the page's own stylesheet hides it while any form on the page shows an error (portal.css,
 *   `.action-notice`), so a success never stands above the failure of the next action, with or
 *   without JavaScript.
 */
export function ActionNotice({ text, param = 'notice', error = false }: { text?: string | null; param?: string; error?: boolean }) {
  useEffect(() => {
    const url = new URL(window.location.href)
    if (!url.searchParams.has(param)) return
    url.searchParams.delete(param)
    window.history.replaceState(null, '', url) // Next's router follows a native replaceState
  })
  if (!text) return null
  return (
    <p className={`notice action-notice${error ? ' notice-error' : ''}`} role={error ? 'alert' : 'status'}>
      {text}
    </p>
  )
}
