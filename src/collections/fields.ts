import type { DateField, Field, FieldAccess, FieldHook, GroupField, NumberField, TextField } from 'payload'

import { toDateOnly } from '../lib/dates'
import { checkPence, checkReference } from '../lib/formats'

export const ADMIN_GROUPS = {
  records: 'Records',
  people: 'Registrations and sharing',
  store: 'Store',
  support: 'Support',
  content: 'Content',
  system: 'System',
} as const

const keepDateOnly: FieldHook = ({ value }) => (value ? toDateOnly(value as string) : value)

/** A calendar date (birth, issue, expiry): typed or picked as dd/mm/yyyy, stored as UTC midnight. */
export function dateOnlyField(name: string, label: string, overrides: Partial<DateField> = {}): DateField {
  return {
    name,
    label,
    type: 'date',
    ...overrides,
    admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'dd/MM/yyyy' }, ...overrides.admin },
    hooks: { beforeValidate: [keepDateOnly] },
  }
}

export function penceField(name: string, label: string, overrides: Partial<NumberField> = {}): NumberField {
  return {
    name,
    label,
    type: 'number',
    required: true,
    min: 0,
    defaultValue: 0,
    validate: (value: unknown) => checkPence(value),
    ...overrides,
    admin: { description: 'In pence: 3050 is £30.50.', step: 1, ...overrides.admin },
  } as NumberField
}

export function referenceField(overrides: Partial<TextField> = {}): TextField {
  return {
    name: 'reference',
    type: 'text',
    unique: true,
    index: true,
    validate: (value: unknown) => checkReference(value),
    ...overrides,
    admin: { description: 'Left blank, a new reference is made when saved.', ...overrides.admin },
  } as TextField
}

/** A postal address, as used by the address book, billing and delivery. */
export function addressGroup(name: string, label: string): GroupField {
  return {
    name,
    label,
    type: 'group',
    fields: [
      { name: 'fullName', label: 'Full name', type: 'text', maxLength: 200 },
      { name: 'line1', label: 'Address line 1', type: 'text', maxLength: 200 },
      { name: 'line2', label: 'Address line 2', type: 'text', maxLength: 200 },
      { name: 'town', label: 'Town or city', type: 'text', maxLength: 100 },
      { name: 'county', label: 'County or region', type: 'text', maxLength: 100 },
      { name: 'postcode', type: 'text', maxLength: 20 },
      { name: 'country', type: 'text', maxLength: 2, admin: { description: 'Two-letter country code, for example GB.' } },
    ],
  }
}

/**
 * Gives every named field (inside rows and collapsibles too) `update` access for `rule`, keeping
 * rules already set: for collections where someone else may update one or two fields only.
 */
export function updatableOnlyBy(rule: FieldAccess, fields: Field[]): Field[] {
  return fields.map((field) => {
    if ((field.type === 'row' || field.type === 'collapsible') && 'fields' in field) return { ...field, fields: updatableOnlyBy(rule, field.fields) }
    if (!('name' in field) || field.type === 'ui') return field
    return { ...field, access: { update: rule, ...field.access } } as Field
  })
}
