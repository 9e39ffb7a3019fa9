const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!)
}

/** The frame every HTML message shares. `bodyHtml` must already be escaped. */
export function emailLayout({ template, heading, bodyHtml }: { template: string; heading: string; bodyHtml: string }): string {
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="x-template" content="${escapeHtml(template)}"><title>${escapeHtml(heading)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1b1f24">
<table role="presentation" width="100%" style="max-width:600px;margin:0 auto;background:#ffffff;border-radius:6px">
<tr><td style="padding:24px 32px">
<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(heading)}</h1>
${bodyHtml}
<p style="margin-top:32px;font-size:13px;color:#5a6270">This message was sent by the Digital Achievement Portal. Please do not reply to it.</p>
</td></tr></table></body></html>`
}

export function button(href: string, label: string): string {
  return `<p><a href="${escapeHtml(href)}" style="display:inline-block;background:#1d4f91;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none">${escapeHtml(label)}</a></p>
<p style="font-size:13px">If the button does not work, copy this address into your browser:<br>${escapeHtml(href)}</p>`
}

/** A plain-text part for an HTML message that has none. */
export function htmlToText(html: string): string {
  return html
    .replace(/<head[\s\S]*?<\/head>/i, '')
    .replace(/<a [^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, '$2 ($1)')
    .replace(/<\/(p|h1|h2|tr|li)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

export function templateNameOf(html: string | undefined): string | undefined {
  return html ? /<meta name="x-template" content="([^"]+)">/.exec(html)?.[1] : undefined
}
