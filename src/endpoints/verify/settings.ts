import type { Payload } from 'payload'

export type VerifySettings = { portalName: string; awardingBodyName: string; supportEmail: string; supportPhone: string | null }

const DEFAULTS: VerifySettings = { portalName: 'Digital Achievement Portal', awardingBodyName: 'Awarding Body', supportEmail: 'support@example.org', supportPhone: null }

/**
 * The site settings the verification pages print (portal name, awarding body, support
 * contact), kept in memory for `ttlMs`. After that the next request is answered with what is
 * held while a fresh copy is read in the background, so no request waits on it after the
 * first; a failed read keeps the old copy. Each app process holds its own copy: a change in
 * the admin shows everywhere within `ttlMs`.
 */
export function cachedSettings(payload: Payload, ttlMs = 30_000) {
  let held: VerifySettings | null = null
  let readAt = 0
  let reading: Promise<VerifySettings> | null = null

  const read = (): Promise<VerifySettings> =>
    (reading ??= payload
      .findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: false, user: null })
      .then((s) => {
        held = {
          portalName: s.portalName || DEFAULTS.portalName,
          awardingBodyName: s.awardingBodyName || DEFAULTS.awardingBodyName,
          supportEmail: s.supportEmail || DEFAULTS.supportEmail,
          supportPhone: s.supportPhone || null,
        }
        readAt = Date.now()
        return held
      })
      .catch((error: unknown) => {
        payload.logger.error({ err: error, msg: 'Verification pages could not read the site settings' })
        readAt = Date.now() // try again after another ttl, not on every request
        return held ?? DEFAULTS
      })
      .finally(() => {
        reading = null
      }))

  return (): VerifySettings | Promise<VerifySettings> => {
    if (!held) return read()
    if (Date.now() - readAt > ttlMs) void read()
    return held
  }
}
