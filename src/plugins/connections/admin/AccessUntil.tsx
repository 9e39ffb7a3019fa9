'use client'
import { useField } from '@payloadcms/ui'
import type { DefaultCellComponentProps } from 'payload'

import { formatAccessUntil } from '../../../lib/dates'

/**
 * A connection's access date as the portal shows it: its last day, in UK time. The stored value
 * is the moment access ends (midnight after that day), which the admin's own date display would
 * show as the next day at 00:00.
 */
export function AccessUntilCell({ cellData, link, linkURL, rowData }: DefaultCellComponentProps) {
  const text = cellData ? formatAccessUntil(String(cellData)) : '—'
  return link ? <a href={linkURL ?? `/admin/collections/connections/${encodeURIComponent(String(rowData.id))}`}>{text}</a> : <span>{text}</span>
}

/** The same, read-only, on the connection's page (only the connection's actions change it). */
export function AccessUntilField({ path }: { path: string }) {
  const { value } = useField<string>({ path })
  return (
    <div className="field-type access-until">
      <span className="field-label">Access until</span>
      <p>
        <strong>{value ? formatAccessUntil(value) : '—'}</strong> (the last day the third party can see the documents, UK time)
      </p>
    </div>
  )
}
