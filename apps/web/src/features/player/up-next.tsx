import { CloseIcon, PlayIcon, formatDuration } from '@veza/ui';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlayerSettings } from '../../stores/player-settings.ts';
import { usePlayer } from '../../stores/player.ts';
import type { QueueEntry } from '../../stores/queue.ts';
import './up-next.css';

/** Autoplay on or off (a persisted player setting): when the queue ends, keep playing related tracks. */
export function AutoplaySwitch() {
  const { t } = useTranslation();
  const hintId = useId();
  const autoplay = usePlayerSettings((s) => s.autoplay);
  const setAutoplay = usePlayer((s) => s.setAutoplay);
  return (
    <div className="vw-autoplay">
      <label className="vw-switch">
        <input type="checkbox" role="switch" checked={autoplay} aria-describedby={hintId} onChange={(e) => setAutoplay(e.currentTarget.checked)} />
        <span>{t('autoplay.label')}</span>
      </label>
      <p id={hintId} className="vw-autoplay__hint">{t('autoplay.hint')}</p>
    </div>
  );
}

/** "Up next — autoplay": the related tracks autoplay added when the queue ended, still to come. */
export function UpNextAutoplay({ entries, onJump, onRemove }: { entries: QueueEntry[]; onJump: (key: string) => void; onRemove: (key: string) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="vw-up-next__section" aria-labelledby={headingId}>
      <h3 id={headingId} className="vw-up-next__title">{t('autoplay.upNext')}</h3>
      <ol className="vz-queue__list" aria-label={t('autoplay.upNextList')}>
        {entries.map(({ key, track }) => (
          <li key={key} className="vz-queue__item">
            <button type="button" className="vz-queue__play" onClick={() => onJump(key)} aria-label={t('autoplay.jumpTo', { title: track.title })}>
              <PlayIcon />
            </button>
            <div className="vz-queue__meta">
              <span className="vz-queue__name">{track.title}</span>
              <span className="vz-queue__artist">{track.artistName}</span>
            </div>
            <span className="vz-queue__duration">{formatDuration(track.durationMs ?? null)}</span>
            <button type="button" className="vz-icon-button" aria-label={t('autoplay.remove', { title: track.title })} onClick={() => onRemove(key)}>
              <CloseIcon />
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
