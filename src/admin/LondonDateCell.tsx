import type { DefaultCellComponentProps } from 'payload'

import { formatUkDate, formatUkDateTime } from '../lib/dates'

/**
 * A date in an admin list, in Europe/London as the portal shows it (the admin's own cell uses the
 * browser's time zone): dd/mm/yyyy for a date-only field, with HH:mm for one with a time. In the
 * list's first column it links to the row, as Payload's own cell does.
 */
export function LondonDateCell({ cellData, field, link, linkURL, collectionSlug, rowData }: DefaultCellComponentProps) {
  const dayOnly = (field as { admin?: { date?: { pickerAppearance?: string } } }).admin?.date?.pickerAppearance === 'dayOnly'
  const text = cellData ? (dayOnly ? formatUkDate(String(cellData)) : formatUkDateTime(String(cellData))) : '—'
  if (!link) return <span>{text}</span>
  return <a href={linkURL ?? `/admin/collections/${collectionSlug}/${encodeURIComponent(String(rowData.id))}`}>{text}</a>
}
