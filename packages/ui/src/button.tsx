import type { ComponentProps } from 'react';
import { cx } from './cx.ts';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'sm' | 'md';

export interface ButtonProps extends ComponentProps<'button'> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner, sets aria-busy and disables the button while an action runs. */
  loading?: boolean;
}

/** A native button in the Veza style. `type` keeps the native default, so pass `type="button"` outside forms. */
export function Button({
  variant = 'primary',
  size = 'md',
  loading = false,
  disabled,
  className,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      className={cx('vz-button', `vz-button--${variant}`, `vz-button--${size}`, loading && 'vz-button--loading', className)}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
    >
      {loading && <span className="vz-button__spinner" aria-hidden="true" />}
      <span className="vz-button__label">{children}</span>
    </button>
  );
}
