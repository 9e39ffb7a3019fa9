import type { DefaultCellComponentProps } from 'payload'

import { formatUkDate, formatUkDateTime } from '../lib/dates'

/**
 * A date in an admin list, in Europe/London as the portal shows it (the admin's own cell uses the
 * browser's time zone): dd/mm/yyyy for a date-only field, with HH:mm for one with a time.
 */
export function LondonDateCell({ cellData, field }: DefaultCellComponentProps) {
  if (!cellData) return <span>—</span>
  const dayOnly = (field as { admin?: { date?: { pickerAppearance?: string } } }).admin?.date?.pickerAppearance === 'dayOnly'
  return <span>{dayOnly ? formatUkDate(String(cellData)) : formatUkDateTime(String(cellData))}</span>
}
