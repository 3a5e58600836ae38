import { PRESENCE_STATUSES, type PresenceStatus } from '@veza/validators';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { PresenceDot } from './presence-dot.tsx';

export interface StatusPickerPanelProps {
  id: string;
  current: PresenceStatus;
  share: boolean;
  error: unknown;
  onChoose: (status: PresenceStatus) => void;
  onShare: (value: boolean) => void;
}

/**
 * The open status picker's content (radio group + "share what I'm listening to" switch), in its React Aria dialog. A module of its own, loaded
 * when the picker is first hovered, focused or opened: it needs the statuses list of @veza/validators, which would
 * otherwise bring zod into the first load of every page.
 */
export function StatusPickerPanel({ id, current, share, error, onChoose, onShare }: StatusPickerPanelProps) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset>
        <legend>{t('presence.picker.legend')}</legend>
        {PRESENCE_STATUSES.map((status) => (
          <label key={status} className="vw-status-picker__option">
            <input type="radio" name={`${id}-status`} value={status} checked={current === status} onChange={() => onChoose(status)} />
            <PresenceDot status={status} /> {t(`presence.choice.${status}`)}
            {/* Online has no hint: an empty string, which i18next takes for a missing one (its key) without the default. */}
            <span className="vw-muted vw-status-picker__hint">{t(`presence.hint.${status}`, { defaultValue: '' })}</span>
          </label>
        ))}
      </fieldset>
      <label className="vw-status-picker__option">
        <input type="checkbox" role="switch" checked={share} onChange={(e) => onShare(e.target.checked)} /> {t('presence.picker.share')}
      </label>
      {error != null && <p role="alert" className="vw-inline-error">{errorMessage(error)}</p>}
    </>
  );
}
