import type { SelectHTMLAttributes } from 'react'

import { FieldFrame } from './Field'

type Props = SelectHTMLAttributes<HTMLSelectElement> & {
  name: string
  label: string
  hint?: string
  error?: string
  options: ReadonlyArray<{ value: string; label: string }>
  placeholder?: string
}

/** A labelled list to choose from, with its hint and error tied to it like `Field`. */
export function SelectField({ name, label, hint, error, required, options, placeholder, ...select }: Props) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} required={required}>
      {(control) => (
        <select {...control} {...select}>
          {placeholder ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  )
}
