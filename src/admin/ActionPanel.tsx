'use client'

import { useState, type ReactNode } from 'react'

export type PanelResult = { ok: boolean; text: string } | null

/**
 * The admin's action panels (review a registration, revoke or reissue, reply to a report):
 * POST JSON to one of our endpoints, say what happened, and what comes next.
 */
export function usePanelAction() {
  const [result, setResult] = useState<PanelResult>(null)
  const [busy, setBusy] = useState(false)
  async function post(url: string, body: unknown, { done }: { done: (response: Record<string, unknown>) => string }): Promise<Record<string, unknown> | null> {
    setBusy(true)
    setResult(null)
    const response = await fetch(url, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>
    setBusy(false)
    if (!response.ok) {
      setResult({ ok: false, text: String(answer.error ?? 'That did not work. Try again.') })
      return null
    }
    setResult({ ok: true, text: done(answer) })
    return answer
  }
  return { result, setResult, busy, post }
}

export function ActionPanel({ id, title, result, children }: { id: string; title: string; result: PanelResult; children: ReactNode }) {
  return (
    <section aria-labelledby={id} style={{ border: '1px solid var(--theme-elevation-150)', borderRadius: 4, padding: 20, marginBottom: 24 }}>
      <h3 id={id} style={{ marginTop: 0 }}>
        {title}
      </h3>
      {children}
      {result ? (
        <p role="status" style={{ color: result.ok ? 'var(--theme-success-600)' : 'var(--theme-error-600)', fontWeight: 600 }}>
          {result.text}
        </p>
      ) : null}
    </section>
  )
}

export const labelStyle = { display: 'block', fontWeight: 600 } as const
