import type { Field, Plugin } from 'payload'

const DAY = 'dd/MM/yyyy'
const DAY_AND_TIME = 'dd/MM/yyyy HH:mm'
/** List cells in Europe/London, whatever the staff member's browser is set to. */
const LONDON_CELL = '/admin/LondonDateCell#LondonDateCell'

/** Every date field shows as dd/mm/yyyy (with HH:mm when it has a time), its list cell in Europe/London, unless it says otherwise. */
function inUkFormat(field: Field): Field {
  if (field.type === 'date') {
    const date = field.admin?.date ?? {}
    const dayOnly = date.pickerAppearance === 'dayOnly'
    const components = { Cell: LONDON_CELL, ...field.admin?.components }
    return { ...field, admin: { ...field.admin, components, date: { displayFormat: dayOnly ? DAY : DAY_AND_TIME, ...(dayOnly ? {} : { timeFormat: 'HH:mm' }), ...date } as never } }
  }
  if ('fields' in field && Array.isArray(field.fields)) return { ...field, fields: field.fields.map(inUkFormat) } as Field
  if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: tab.fields.map(inUkFormat) })) }
  if (field.type === 'blocks') return { ...field, blocks: field.blocks.map((block) => ({ ...block, fields: block.fields.map(inUkFormat) })) }
  return field
}

/** Applied last, so fields that plugins add are covered too (the list cells follow `admin.dateFormat`). */
export const ukDateFormats: Plugin = (config) => ({
  ...config,
  collections: (config.collections ?? []).map((collection) => ({ ...collection, fields: collection.fields.map(inUkFormat) })),
  globals: (config.globals ?? []).map((global) => ({ ...global, fields: global.fields.map(inUkFormat) })),
})
