import { cx } from './cx.ts';
import { AlertIcon, CheckIcon, CloseIcon, InfoIcon } from './icons.tsx';

export type ToastTone = 'info' | 'success' | 'error';

export interface ToastData {
  id: string;
  title: string;
  description?: string;
  tone?: ToastTone;
}

export interface ToastProps extends Omit<ToastData, 'id'> {
  onDismiss: () => void;
  dismissLabel: string;
}

const toneIcons = { info: InfoIcon, success: CheckIcon, error: AlertIcon } satisfies Record<ToastTone, unknown>;

export function Toast({ title, description, tone = 'info', onDismiss, dismissLabel }: ToastProps) {
  const Icon = toneIcons[tone];
  return (
    <div className={cx('vz-toast', `vz-toast--${tone}`)}>
      <Icon className="vz-toast__icon" />
      <div className="vz-toast__body">
        <p className="vz-toast__title">{title}</p>
        {description && <p className="vz-toast__description">{description}</p>}
      </div>
      <button type="button" className="vz-icon-button vz-toast__close" aria-label={dismissLabel} onClick={onDismiss}>
        <CloseIcon />
      </button>
    </div>
  );
}

export interface ToastViewportProps {
  toasts: ToastData[];
  onDismiss: (id: string) => void;
  dismissLabel: string;
  /** Names the live region landmark ("Notifications"). */
  label?: string;
}

/** A polite live region listing toasts; timing out toasts is the app's job. */
export function ToastViewport({ toasts, onDismiss, dismissLabel, label }: ToastViewportProps) {
  return (
    <div className="vz-toast-viewport" role="region" aria-live="polite" aria-label={label}>
      <ol className="vz-toast-viewport__list">
        {toasts.map((toast) => (
          <li key={toast.id}>
            <Toast
              title={toast.title}
              description={toast.description}
              tone={toast.tone}
              dismissLabel={dismissLabel}
              onDismiss={() => onDismiss(toast.id)}
            />
          </li>
        ))}
      </ol>
    </div>
  );
}
