import { formatUkDate } from '../../lib/dates'
import type { VerifyAnswer } from './answer'
import type { VerifySettings } from './settings'

/**
 * The verification pages as plain HTML strings: the portal's frame (header with the portal's
 * name, footer with the support contact, the portal's stylesheet) around a few small bodies.
 * Everything that comes from data goes through `esc`.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const esc = (value: string | null | undefined): string => (value ? value.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : '')

const TYPE_LABEL: Record<string, string> = { certificate: 'Certificate', transcript: 'Transcript', badge: 'Badge', 'proof-letter': 'Proof-of-qualification letter' }
const TYPE_WORD: Record<string, string> = { certificate: 'certificate', transcript: 'transcript', badge: 'badge', 'proof-letter': 'proof-of-qualification letter' }

/**
 * Dates arrive from the query as London calendar dates (YYYY-MM-DD, converted in SQL) and are
 * printed dd/mm/yyyy, as lib/dates formatUkDate prints them, without Intl's cost per request.
 */
const ukDate = (isoDate: string) => (/^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}` : formatUkDate(isoDate))

const checkedAtFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
let clockCache = { minute: -1, checkedAt: '' }

/** "dd/mm/yyyy at hh:mm" (London) for `now`, worked out once a minute. */
function clock(now: Date) {
  const minute = Math.floor(now.getTime() / 60_000)
  if (minute !== clockCache.minute) {
    const parts = Object.fromEntries(checkedAtFormat.formatToParts(now).map((p) => [p.type, p.value]))
    clockCache = { minute, checkedAt: `${parts.day}/${parts.month}/${parts.year} at ${parts.hour}:${parts.minute}` }
  }
  return clockCache
}

type Frame = { top: string; bottom: string }
/** Who is looking, as far as the header cares: nobody signed in, or a portal account of a kind. */
export type Visitor = 'none' | 'learner' | 'third-party'
const VISITORS: Visitor[] = ['none', 'learner', 'third-party']
const frames = new WeakMap<VerifySettings, Record<Visitor, Frame>>()

/** The portal header's links for a signed-in account (as src/portal/ui/PortalLayout shows them). */
/** A learner's Store, Orders and basket (this page does not read the basket, so no count). */
const STORE_LINKS = `<li><a href="/store">Store</a></li><li><a href="/orders">Orders</a></li><li><a href="/basket" class="basket">Basket</a></li>`

function accountLinks(visitor: Exclude<Visitor, 'none'>, withStore: boolean): string {
  const learner = visitor === 'learner'
  return (
    `<li><a href="/dashboard">Dashboard</a></li>` +
    (learner ? `<li><a href="/documents">Documents</a></li>` : '') +
    `<li><a href="/connections">Connections</a></li>` +
    `<li><a href="/profile">Profile</a></li>` +
    (learner && withStore ? STORE_LINKS : '') +
    `<li><form method="post" action="/verify/sign-out"><button class="link-button nav-button" type="submit">Sign out</button></form></li>`
  )
}

/** The header's list of links; shown in a row on wide screens and behind "Menu" on phones, as in PortalLayout (where a learner's store links sit in a bar of their own). */
const navList = (visitor: Visitor, withStore: boolean) =>
  `<ul class="nav-list"><li><a href="/help">Help</a></li><li><a href="/help/faq">FAQ</a></li><li><a href="/help/contact-support">Support</a></li>` +
  (visitor === 'none' ? `<li><a class="nav-button" href="/sign-in">Sign in</a></li>` : accountLinks(visitor, withStore)) +
  `</ul>`

/** Header and footer for these settings, built once per settings copy and kind of visitor. */
function frameFor(settings: VerifySettings, visitor: Visitor, stylesheet: string): Frame {
  let made = frames.get(settings)
  if (!made) {
    const make = (visitor: Visitor): Frame => ({
      top:
        `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><link rel="stylesheet" href="${stylesheet}"><link rel="icon" href="/favicon.ico"></head>` +
        `<body><a class="skip-link" href="#main">Skip to main content</a>` +
        `<header class="site-header"><div class="container header-inner"><a class="site-name" href="/">${esc(settings.portalName)}</a>` +
        `<nav aria-label="Main" class="nav-wide">${navList(visitor, true)}</nav>` +
        `<details class="nav-menu"><summary>Menu</summary><nav aria-label="Main">${navList(visitor, false)}</nav></details>` +
        `</div>` +
        (visitor === 'learner' ? `<nav aria-label="Store" class="store-bar"><ul class="nav-list container">${STORE_LINKS}</ul></nav>` : '') +
        `</header><main id="main" class="container main verify-main">`,
      bottom:
        `</main><footer class="site-footer"><div class="container footer-inner"><p>${esc(settings.awardingBodyName)}. Support: <a href="mailto:${esc(settings.supportEmail)}">${esc(settings.supportEmail)}</a>` +
        (settings.supportPhone ? ` · ${esc(settings.supportPhone)}` : '') +
        `</p><p><a href="/help/privacy-policy">Privacy policy</a> · <a href="/help">Help</a> · <a href="/verify">Check a document</a></p></div></footer></body></html>`,
    })
    made = Object.fromEntries(VISITORS.map((v) => [v, make(v)])) as Record<Visitor, Frame>
    frames.set(settings, made)
  }
  return made[visitor]
}

export type PageContext = { settings: VerifySettings; visitor: Visitor; stylesheet: string }

function page(context: PageContext, title: string, main: string): string {
  const frame = frameFor(context.settings, context.visitor, context.stylesheet)
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${esc(title)} · ${esc(context.settings.portalName)}</title>${frame.top}${main}${frame.bottom}`
}

const EXAMPLE_CODE = 'hT3kQ9vLx2Wm7RbN0pYcZe5Ua8s'
const EXAMPLE_REFERENCE = '57116714-01-MHHN'

/** What was typed into the reference form, and what is wrong with it (by field). */
export type ReferenceInput = { reference?: string; surname?: string; errors?: { reference?: string; surname?: string } }

function field({ id, label, hint, error, value, extra }: { id: string; label: string; hint: string; error?: string; value?: string; extra: string }): string {
  return (
    `<div class="field${error ? ' field-error' : ''}"><label for="${id}">${label}</label>` +
    `<p class="hint" id="${id}-hint">${hint}</p>` +
    (error ? `<p class="error-message" id="${id}-error"><span class="visually-hidden">Error: </span>${esc(error)}</p>` : '') +
    `<input id="${id}" name="${id}" type="text" ${extra} aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}"${error ? ' aria-invalid="true"' : ''}${value ? ` value="${esc(value)}"` : ''}></div>`
  )
}

function referenceForm({ heading, input = {} }: { heading: string; input?: ReferenceInput }): string {
  const errors = input.errors ?? {}
  return (
    `<section class="verify-way" aria-labelledby="by-reference"><h2 id="by-reference">${heading}</h2>` +
    `<form class="form verify-form" id="reference-form" method="get" action="/verify" novalidate>` +
    field({
      id: 'reference',
      label: 'Reference',
      hint: `Printed on the document beside “Reference”, for example <span class="verify-code verify-nowrap">${EXAMPLE_REFERENCE}</span>.`,
      error: errors.reference,
      value: input.reference,
      extra: 'autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="100"',
    }) +
    field({
      id: 'surname',
      label: 'Surname of the holder',
      hint: 'The family name of the person the document was issued to, as printed on it. Capital letters and accents do not matter.',
      error: errors.surname,
      value: input.surname,
      extra: 'autocomplete="off" spellcheck="false" maxlength="200"',
    }) +
    `<button class="button" type="submit">Check the document</button></form></section>`
  )
}

function codeForm({ error, heading }: { error?: string; heading: string }): string {
  return (
    `<section class="verify-way" aria-labelledby="by-code"><h2 id="by-code">${heading}</h2>` +
    `<form class="form verify-form" id="code-form" method="get" action="/verify" novalidate>` +
    field({
      id: 'code',
      label: 'Verification code',
      hint: `The end of the verification address printed under the QR code, for example <span class="verify-code">${EXAMPLE_CODE}</span>. You can also paste the whole address.`,
      error,
      extra: 'autocomplete="off" autocapitalize="none" autocorrect="off" spellcheck="false"',
    }) +
    `<button class="button" type="submit">Check the code</button></form></section>`
  )
}

const errorSummary = (errors: Array<[string, string | undefined]>) => {
  const items = errors.filter(([, text]) => text).map(([id, text]) => `<li><a href="#${id}">${esc(text)}</a></li>`)
  return items.length ? `<div class="error-summary" role="alert" tabindex="-1"><h2>There is a problem</h2><ul>${items.join('')}</ul></div>` : ''
}

/** GET /verify: a document checked by its reference and holder's surname, or by its verification code. */
export function formPage(context: PageContext, { codeError, reference }: { codeError?: string; reference?: ReferenceInput } = {}): string {
  const summary = errorSummary([['reference', reference?.errors?.reference], ['surname', reference?.errors?.surname], ['code', codeError]])
  return page(
    context,
    summary ? 'Error: Check a document' : 'Check a document',
    `${summary}<h1>Check a document</h1>` +
      `<p class="lead">Check that a certificate, transcript, letter or badge from ${esc(context.settings.awardingBodyName)} is genuine, and whether it is still valid.</p>` +
      `<p>Scanning the QR code on the document with a phone’s camera opens its answer straight away. Or type in what is printed on it:</p>` +
      referenceForm({ heading: 'By reference and surname', input: reference }) +
      codeForm({ error: codeError, heading: 'Or by verification code' }),
  )
}

const ICONS = {
  valid: '<path d="M12 24.5l8 8 16-17" fill="none" stroke="currentColor" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>',
  revoked: '<path d="M15 15l18 18M33 15L15 33" fill="none" stroke="currentColor" stroke-width="5" stroke-linecap="round"/>',
  superseded: '<path d="M24 12v14M24 34v1" fill="none" stroke="currentColor" stroke-width="5" stroke-linecap="round"/>',
  expired: '<path d="M24 13v12l7 5" fill="none" stroke="currentColor" stroke-width="4.5" stroke-linecap="round" stroke-linejoin="round"/>',
} as const
const icon = (status: keyof typeof ICONS) =>
  `<svg class="verify-icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false"><circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="3.5"/>${ICONS[status]}</svg>`

function banner(answer: VerifyAnswer, context: PageContext): string {
  const word = TYPE_WORD[answer.type] ?? 'document'
  const on = answer.statusDate ? ` on ${ukDate(answer.statusDate)}` : ''
  let heading: string
  let text: string
  if (answer.status === 'revoked') {
    heading = `This ${word} has been revoked`
    text = `<p>${esc(context.settings.awardingBodyName)} revoked it${on}. It is no longer valid: do not accept it as proof of this qualification.</p>`
  } else if (answer.status === 'superseded') {
    heading = `This ${word} has been replaced`
    const next = answer.supersededBy
    text =
      `<p>${esc(context.settings.awardingBodyName)} reissued it${on}${next ? ` as a new ${word}, reference ${esc(next.reference)}` : ''}. This copy is no longer the current one.</p>` +
      (next ? `<p><a class="verify-next" href="/verify/${esc(next.code)}">Check the reissued ${word}</a></p>` : '')
  } else if (answer.status === 'expired') {
    heading = `This ${word} has expired`
    text =
      `<p>It was issued by ${esc(context.settings.awardingBodyName)}, and the qualification expired${on}. ` +
      `It is no longer valid: it shows the holder held this qualification until then, not that they hold it now.</p>`
  } else {
    heading = `This ${word} is valid`
    text = `<p>It was issued by ${esc(context.settings.awardingBodyName)} and has not been revoked or replaced.</p>`
  }
  return `<div class="verify-banner verify-${answer.status}">${icon(answer.status)}<div><p class="verify-status">${STATUS_WORD[answer.status]}</p><h1>${esc(heading)}</h1>${text}</div></div>`
}

const STATUS_WORD = { valid: 'Valid', expired: 'Expired', revoked: 'Revoked', superseded: 'Superseded' } as const

/** GET /verify/<code> for a code that names a document. */
export function answerPage(context: PageContext, answer: VerifyAnswer, code: string, now: Date): string {
  const type = TYPE_LABEL[answer.type] ?? 'Document'
  const word = TYPE_WORD[answer.type] ?? 'document'
  const row = (label: string, value: string | null | undefined) => (value ? `<div><dt>${label}</dt><dd>${esc(value)}</dd></div>` : '')
  const facts =
    `<dl class="facts">` +
    row('Name', answer.fullName) +
    row('Qualification', answer.qualificationTitle) +
    row('Qualification number', answer.qualificationNumber) +
    row('Grade', answer.grade) +
    row('Issue date', answer.issueDate && ukDate(answer.issueDate)) +
    row('Expiry date', answer.expiryDate && ukDate(answer.expiryDate)) +
    row('Document', type) +
    row('Reference', answer.reference) +
    row('Issued by', context.settings.awardingBodyName) +
    `</dl>`
  const view = answer.showDocument
    ? `<p class="actions"><a class="button" href="/verify/${esc(code)}/document">View the ${answer.type === 'badge' ? 'badge' : 'document'}<span class="visually-hidden">: ${esc(type)} ${esc(answer.reference)}</span></a>` +
      `<span class="verify-note">${answer.type === 'badge' ? 'An image' : 'A PDF'}, as issued. The holder chose to show it here.</span></p>`
    : `<p class="verify-note">The holder has not chosen to show the ${word} itself here. Compare these details with the copy you were given.</p>`
  return page(
    context,
    `${STATUS_WORD[answer.status]} ${word} ${answer.reference ?? ''}`.trim(),
    banner(answer, context) +
      `<section class="verify-details" aria-labelledby="details-heading"><h2 id="details-heading">Details of the ${word}</h2>${facts}${view}</section>` +
      `<p class="verify-checked">Checked on ${clock(now).checkedAt} (UK time). The status is read live every time this page is opened.</p>` +
      `<p><a href="/verify">Check another document</a></p>`,
  )
}

/**
 * Every check that finds no document, whatever the reason: the same page, never echoing the
 * code. Checked by reference, whether the reference exists with another surname or does not
 * exist at all makes no difference to it (it shows back only what was typed).
 */
export function notFoundPage(context: PageContext, byReference?: ReferenceInput): string {
  const contact = `Contact ${esc(context.settings.awardingBodyName)} at <a href="mailto:${esc(context.settings.supportEmail)}">${esc(context.settings.supportEmail)}</a>.`
  if (byReference)
    return page(
      context,
      'No document found',
      `<h1>No document found</h1>` +
        `<p class="lead">No document has this reference with this surname.</p>` +
        `<p>Check the reference against the document (for example ${EXAMPLE_REFERENCE}), and that the surname is the holder’s family name in full, as printed.</p>` +
        referenceForm({ heading: 'Try again', input: { reference: byReference.reference, surname: byReference.surname } }) +
        `<p>If both are right and still find nothing, the document may not be genuine. ${contact}</p>`,
    )
  return page(
    context,
    'No document found',
    `<h1>No document found</h1>` +
      `<p class="lead">No document has this verification code.</p>` +
      `<p>Check that the code is exactly as printed under the QR code (capital and small letters are different), or that the whole address was copied.</p>` +
      codeForm({ heading: 'Try the code again' }) +
      `<p>If the code is right and still finds nothing, the document may not be genuine. ${contact}</p>`,
  )
}

export function tooManyPage(context: PageContext, seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60))
  return page(
    context,
    'Too many checks',
    `<h1>Too many checks</h1>` +
      `<p class="lead">Too many codes that do not exist have been checked from your network.</p>` +
      `<p>Try again in ${minutes} minute${minutes === 1 ? '' : 's'}. If you need to check many documents, contact ${esc(context.settings.awardingBodyName)} at <a href="mailto:${esc(context.settings.supportEmail)}">${esc(context.settings.supportEmail)}</a>.</p>`,
  )
}

export function errorPage(context: PageContext): string {
  return page(context, 'Sorry, there is a problem', `<h1>Sorry, there is a problem</h1><p class="lead">The document could not be checked just now. Try again in a few minutes.</p>`)
}
