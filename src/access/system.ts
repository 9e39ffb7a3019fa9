import type { Field } from 'payload'

import { nobody } from './rules'
import type { SignedInUser } from './users'

/**
 * A system task's Local API options: access is not checked, so the caller keeps its own check
 * beside the call and names what it is doing. Never passed for a signed-in person's read.
 */
export const AS_SYSTEM = { overrideAccess: true, depth: 0 } as const

/** A signed-in person's Local API options: every rule on the data applies, nothing populated. */
export const asUser = (user: SignedInUser | null | undefined) => ({ overrideAccess: false, user: (user ?? undefined) as never, depth: 0 }) as const

/**
 * Fields (found inside rows too) that only a capability's own actions write: nobody creates
 * or updates them through the API, staff included, and the admin shows them read-only.
 */
export function lockFields(fields: Field[], names: ReadonlySet<string>): Field[] {
  return fields.map((field) => {
    if (field.type === 'row' && 'fields' in field) return { ...field, fields: lockFields(field.fields, names) }
    if (!('name' in field) || !names.has(field.name) || field.type === 'ui') return field
    const { access, admin } = field as { access?: object; admin?: object }
    return { ...field, access: { ...access, create: nobody, update: nobody }, admin: { ...admin, readOnly: true } } as Field
  })
}
