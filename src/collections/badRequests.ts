import type { AfterErrorHook } from 'payload'

/** PostgreSQL's class 22, "data exception": a value the column cannot take (a non-number id, a negative offset, …). */
const isDataException = (error: unknown): boolean => {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause
  return typeof cause?.code === 'string' && cause.code.startsWith('22')
}

const answer = (status: number, message: string) => ({ status, response: { errors: [{ message }] } })

/**
 * Payload answers some malformed requests with a 500, as if the server had failed: a
 * `/versions` route of a collection or global without versions, an id or `where` value the column
 * cannot hold, a `where` that is not JSON, a negative page. They are the caller's mistakes:
 * 404 and 400, with a message, and nothing changed.
 */
export const answerBadRequestsAsSuch: AfterErrorHook = ({ collection, error, req }) => {
  const status = (error as { status?: number }).status
  if (status && status < 500) return
  const path = req.pathname ?? new URL(req.url ?? 'http://x').pathname
  const versionsOf = /\/(globals\/)?([^/]+)\/versions(?:\/|$)/.exec(path)
  if (versionsOf) {
    const [, isGlobal, slug] = versionsOf
    const target = isGlobal ? req.payload.config.globals.find((g) => g.slug === slug) : (collection ?? req.payload.config.collections.find((c) => c.slug === slug))
    if (!target?.versions) return answer(404, 'Not Found')
  }
  if (isDataException(error)) return answer(400, 'The request has a value that is not valid here: check the id, page, limit and where values.')
  if (error instanceof SyntaxError) return answer(400, 'The request could not be read: send where and data as valid JSON or query parameters.')
}
