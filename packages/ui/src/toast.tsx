import { cx } from './cx.ts';
import { AlertIcon, CheckIcon, CloseIcon, InfoIcon } from './icons.tsx';
import { Link, type LinkComponentType } from './link.tsx';

export type ToastTone = 'info' | 'success' | 'error';

export interface ToastData {
  id: string;
  title: string;
  description?: string;
  tone?: ToastTone;
  /** A link under the text ("Open the playlist"). */
  link?: { href: string; label: string };
}

export interface ToastProps extends Omit<ToastData, 'id'> {
  onDismiss: () => void;
  dismissLabel: string;
  /** Renders `link`: 'a' by default; pass react-router's Link. */
  LinkComponent?: LinkComponentType;
}

const toneIcons = { info: InfoIcon, success: CheckIcon, error: AlertIcon } satisfies Record<ToastTone, unknown>;

export function Toast({ title, description, tone = 'info', link, onDismiss, dismissLabel, LinkComponent }: ToastProps) {
  const Icon = toneIcons[tone];
  return (
    <div className={cx('vz-toast', `vz-toast--${tone}`)}>
      <Icon className="vz-toast__icon" />
      <div className="vz-toast__body">
        <p className="vz-toast__title">{title}</p>
        {description && <p className="vz-toast__description">{description}</p>}
        {link && (
          <p className="vz-toast__description">
            <Link as={LinkComponent} href={link.href} className="vz-toast__link">{link.label}</Link>
          </p>
        )}
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
  /** Renders the toasts' links: 'a' by default; pass react-router's Link. */
  LinkComponent?: LinkComponentType;
}

/** A polite live region listing toasts; timing out toasts is the app's job. */
export function ToastViewport({ toasts, onDismiss, dismissLabel, label, LinkComponent }: ToastViewportProps) {
  return (
    <div className="vz-toast-viewport" role="region" aria-live="polite" aria-label={label}>
      <ol className="vz-toast-viewport__list">
        {toasts.map((toast) => (
          <li key={toast.id}>
            <Toast
              title={toast.title}
              description={toast.description}
              tone={toast.tone}
              link={toast.link}
              LinkComponent={LinkComponent}
              dismissLabel={dismissLabel}
              onDismiss={() => onDismiss(toast.id)}
            />
          </li>
        ))}
      </ol>
    </div>
  );
}
