import { Button } from './button.tsx';
import { cx } from './cx.ts';
import { AlertIcon } from './icons.tsx';

export interface ErrorStateProps {
  title: string;
  message?: string;
  /** Shows a retry button when given together with `retryLabel`. */
  onRetry?: () => void;
  retryLabel?: string;
  className?: string;
}

export function ErrorState({ title, message, onRetry, retryLabel, className }: ErrorStateProps) {
  return (
    <div className={cx('vz-state', 'vz-state--error', className)} role="alert">
      <div className="vz-state__icon" aria-hidden="true"><AlertIcon /></div>
      <p className="vz-state__title">{title}</p>
      {message && <p className="vz-state__text">{message}</p>}
      {onRetry && retryLabel && (
        <div className="vz-state__action">
          <Button type="button" variant="secondary" onClick={onRetry}>{retryLabel}</Button>
        </div>
      )}
    </div>
  );
}
