import type { ComponentProps } from 'react';
import { Field } from './field.tsx';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps extends Omit<ComponentProps<'select'>, 'children'> {
  label: string;
  options: SelectOption[];
  error?: string;
  hint?: string;
  /** A first, empty option (value "") such as "Choose a genre…". */
  placeholder?: string;
}

export function Select({ label, options, error, hint, placeholder, id, className, ...native }: SelectProps) {
  return (
    <Field label={label} error={error} hint={hint} id={id} required={native.required} className={className}>
      {({ controlId, describedBy }) => (
        <div className="vz-select">
          <select
            {...native}
            id={controlId}
            className="vz-input vz-select__control"
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
          >
            {placeholder !== undefined && <option value="">{placeholder}</option>}
            {options.map((option) => (
              <option key={option.value} value={option.value} disabled={option.disabled}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </Field>
  );
}
