// The call UI without its wiring (stories and tests render these directly): the incoming-call dialog and the
// call bar (calling…, then the active call with duration, mute and hang up).
import { Button, formatClock, useModalDialog } from '@veza/ui';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallConnection, CallQuality } from './call-engine.ts';
import type { CallPhase } from './call-store.ts';

export function PhoneIcon({ hangup = false }: { hangup?: boolean }) {
  return (
    <svg className={hangup ? 'vw-call-icon vw-call-icon--hangup' : 'vw-call-icon'} viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"
      />
    </svg>
  );
}

export interface IncomingCallDialogProps {
  open: boolean;
  /** Who calls (display name or username). */
  name: string;
  pending?: boolean;
  onAccept: () => void;
  onDecline: () => void;
}

/** A modal on the native <dialog>: focus starts on Accept, Escape declines, focus returns where it was. */
export function IncomingCallDialog({ open, name, pending = false, onAccept, onDecline }: IncomingCallDialogProps) {
  const { t } = useTranslation();
  const ref = useModalDialog(open);
  const id = useId();
  return (
    <dialog
      ref={ref}
      className="vw-dialog vw-call-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        if (!pending) onDecline();
      }}
    >
      {open && (
        <>
          <div className="vw-call-dialog__pulse" aria-hidden="true">
            <PhoneIcon />
          </div>
          <h2 id={`${id}-title`} className="vw-dialog__title">{t('calls.incoming.title')}</h2>
          <p id={`${id}-body`}>{t('calls.incoming.body', { name })}</p>
          <div className="vw-form-actions vw-form-actions--end vw-call-dialog__actions">
            <Button type="button" variant="danger" onClick={onDecline} disabled={pending}>
              {t('calls.incoming.decline')}
            </Button>
            <Button type="button" onClick={onAccept} loading={pending} data-autofocus>
              {t('calls.incoming.accept')}
            </Button>
          </div>
        </>
      )}
    </dialog>
  );
}

/** Seconds since `since` (ms epoch), ticking every second. */
function useElapsed(since: number | null, now: () => number = Date.now) {
  const [, tick] = useState(0);
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.floor((now() - since) / 1000));
}

export interface CallBarProps {
  phase: Extract<CallPhase, 'outgoing' | 'active'>;
  name: string;
  muted: boolean;
  connection: CallConnection;
  quality: CallQuality | null;
  /** When the call was answered (ms epoch); the duration counts from it. */
  answeredAt: number | null;
  pending?: boolean;
  onToggleMute: () => void;
  onHangup: () => void;
  /** For stories and tests: the clock. */
  now?: () => number;
}

/** The bar shown while calling and during a call, above the player. */
export function CallBar({ phase, name, muted, connection, quality, answeredAt, pending = false, onToggleMute, onHangup, now }: CallBarProps) {
  const { t } = useTranslation();
  const elapsed = useElapsed(phase === 'active' ? answeredAt : null, now);
  const status =
    phase === 'outgoing'
      ? t('calls.bar.calling')
      : connection === 'connected'
        ? quality
          ? t(`calls.quality.${quality}`)
          : t('calls.bar.connected')
        : t(`calls.bar.${connection === 'failed' ? 'reconnecting' : connection}`);
  return (
    <section className={`vw-call-bar vw-call-bar--${phase}`} aria-label={t('calls.bar.label', { name })}>
      <div className="vw-call-bar__who">
        <PhoneIcon />
        <div>
          <p className="vw-call-bar__name">{name}</p>
          {/* Connection changes are announced; the ticking clock is not. */}
          <p className="vw-call-bar__status" role="status">
            {status}
          </p>
        </div>
      </div>
      {phase === 'active' && (
        <p className="vw-call-bar__clock">
          <span className="vz-sr-only">{t('calls.bar.duration')} </span>
          <time dateTime={`PT${elapsed}S`}>{formatClock(elapsed)}</time>
        </p>
      )}
      <div className="vw-call-bar__actions">
        {phase === 'active' && (
          <Button type="button" size="sm" variant="secondary" aria-pressed={muted} onClick={onToggleMute}>
            {muted ? t('calls.bar.unmute') : t('calls.bar.mute')}
          </Button>
        )}
        <Button type="button" size="sm" variant="danger" onClick={onHangup} disabled={pending}>
          <PhoneIcon hangup />
          {phase === 'outgoing' ? t('calls.bar.cancel') : t('calls.bar.hangup')}
        </Button>
      </div>
    </section>
  );
}
