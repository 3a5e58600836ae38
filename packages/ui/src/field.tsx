import { useId, type ReactNode } from 'react';
import { cx } from './cx.ts';

export interface FieldIds {
  controlId: string;
  describedBy: string | undefined;
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  id?: string;
  required?: boolean;
  className?: string;
  children: (ids: FieldIds) => ReactNode;
}

/** Shared label + hint + error layout for form controls; hands the ids to its child control. */
export function Field({ label, error, hint, id, required, className, children }: FieldProps) {
  const autoId = useId();
  const controlId = id ?? `${autoId}-control`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('vz-field', error && 'vz-field--invalid', className)}>
      <div className="vz-field__label-row">
        <label className="vz-field__label" htmlFor={controlId}>
          {label}
        </label>
        {/* Outside the label, so the control's accessible name is the label alone; `required` says the rest. */}
        {required && <span className="vz-field__required" aria-hidden="true">*</span>}
      </div>
      {children({ controlId, describedBy })}
      {hint && <p id={hintId} className="vz-field__hint">{hint}</p>}
      {error && <p id={errorId} className="vz-field__error">{error}</p>}
    </div>
  );
}
