'use client'

import { usePathname, useSearchParams } from 'next/navigation'
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'

type Kept = { text: string; at: string } | null
/** Outside the portal's layout nothing is kept: the notice shows while the server passes it. */
const NoticeMemory = createContext<{ kept: Kept; keep: (kept: Kept) => void }>({ kept: null, keep: () => {} })

/**
 * Holds the last action's notice above the page (in the portal's layout, which stays mounted):
 * the page itself is mounted afresh when its address loses the notice's parameter.
 */
export function ActionNoticeMemory({ children }: { children: ReactNode }) {
  const [kept, keep] = useState<Kept>(null)
  return <NoticeMemory.Provider value={{ kept, keep }}>{children}</NoticeMemory.Provider>
}

/**
 * The answer to the last action, passed to the page it redirected to as `?<param>=…` ("Access
 * date shortened", "Your details have been saved"). It belongs to that one action, so:
 * - once shown, the parameter leaves the address (a reload, a bookmark or a shared link does not
 *   say it again), and the next form posted on the page posts to the clean address;
 * - the page's own stylesheet hides it while any form on the page shows an error (portal.css,
 *   `.action-notice`), so a success never stands above the failure of the next action, with or
 *   without JavaScript.
 *
 * Next's router answers the address change by mounting the page again for the clean address,
 * sometimes rendered afresh by the server, which no longer passes the text: the text is kept in
 * the layout (ActionNoticeMemory) for as long as the reader stays on that address, and dropped
 * when they move to another (a tab, a page).
 */
export function ActionNotice({ text, param = 'notice', error = false }: { text?: string | null; param?: string; error?: boolean }) {
  const here = addressWithout(usePathname(), useSearchParams(), param)
  const { kept, keep } = useContext(NoticeMemory)
  useEffect(() => {
    const url = new URL(window.location.href)
    if (!url.searchParams.has(param)) return
    url.searchParams.delete(param)
    if (text) keep({ text, at: here })
    window.history.replaceState(null, '', url) // Next's router follows a native replaceState
  })
  const shown = text || (kept?.at === here ? kept.text : null)
  if (!shown) return null
  return (
    <p className={`notice action-notice${error ? ' notice-error' : ''}`} role={error ? 'alert' : 'status'}>
      {shown}
    </p>
  )
}

function addressWithout(pathname: string, search: URLSearchParams | null, param: string) {
  const rest = new URLSearchParams(search ?? undefined)
  rest.delete(param)
  return `${pathname}?${rest}`
}
