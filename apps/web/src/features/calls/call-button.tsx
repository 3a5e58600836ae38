import { Button } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { useCall, type CallPeer } from './call-store.ts';
import { PhoneIcon } from './call-views.tsx';
import './calls.css';

export interface CallButtonProps {
  /** The DM to call from. */
  roomId: string;
  /** The other person of the DM. */
  peer: CallPeer;
}

/** "Call" for a DM's header. Disabled while this tab is in a call (or none can be placed: no <CallLayer />). */
export function CallButton({ roomId, peer }: CallButtonProps) {
  const { t } = useTranslation();
  const actions = useCall((s) => s.actions);
  const busy = useCall((s) => s.phase !== 'idle' || s.pending);
  const name = peer.displayName ?? peer.username;
  return (
    <Button
      type="button"
      size="sm"
      variant="ghost"
      className="vw-call-button"
      aria-label={t('calls.button.label', { name })}
      title={t('calls.button.label', { name })}
      disabled={!actions || busy}
      onClick={() => void actions?.start(roomId, peer)}
    >
      <PhoneIcon />
      <span className="vw-call-button__text">{t('calls.button.text')}</span>
    </Button>
  );
}
