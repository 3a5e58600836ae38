import type { ComponentProps } from 'react';
import { Field } from './field.tsx';

interface TextFieldOwnProps {
  label: string;
  /** Shown under the control, sets aria-invalid and is linked by aria-describedby. */
  error?: string;
  hint?: string;
}

export type TextInputProps = TextFieldOwnProps & { multiline?: false } & Omit<ComponentProps<'input'>, keyof TextFieldOwnProps>;
export type TextAreaProps = TextFieldOwnProps & { multiline: true } & Omit<ComponentProps<'textarea'>, keyof TextFieldOwnProps>;
/** A labelled text input, or a textarea with `multiline`. Every other prop goes to the native control. */
export type TextFieldProps = TextInputProps | TextAreaProps;

export function TextField(props: TextFieldProps) {
  const { label, error, hint, id, required, className } = props;
  return (
    <Field label={label} error={error} hint={hint} id={id} required={required} className={className}>
      {({ controlId, describedBy }) => {
        const a11y = {
          id: controlId,
          className: 'vz-input',
          'aria-invalid': error ? true : undefined,
          'aria-describedby': describedBy,
        } as const;
        if (props.multiline) {
          const { label: _l, error: _e, hint: _h, multiline: _m, className: _c, ...native } = props;
          return <textarea rows={4} {...native} {...a11y} />;
        }
        const { label: _l, error: _e, hint: _h, multiline: _m, className: _c, ...native } = props;
        return <input type="text" {...native} {...a11y} />;
      }}
    </Field>
  );
}
