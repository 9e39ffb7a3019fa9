import { createHash } from 'node:crypto'

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

/** JSON with every object's keys in order, and bytes as their hash: the same inputs give the same text. */
function canonical(value: unknown): string {
  if (value instanceof Uint8Array) return JSON.stringify(`sha256:${sha256(value)}`)
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`
  return JSON.stringify(value ?? null)
}

/**
 * The key a rendered file is kept under: the hash of what kind of file it is, everything it
 * prints (facts as shown, branding with its images' bytes) and the build that renders it.
 */
export const renderedKey = (kind: string, build: string, inputs: unknown): string => sha256(canonical({ kind, build, inputs }))
