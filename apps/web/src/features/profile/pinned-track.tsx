import type { TrackDto } from '@veza/api';
import { useTranslation } from 'react-i18next';
import { TrackFeed } from '../tracks/track-feed.tsx';
import './profile.css';

/** The track its owner pinned, above their tracks: playable like any row of the list. */
export function PinnedTrack({ track, name }: { track: TrackDto; name: string }) {
  const { t } = useTranslation();
  return (
    <section className="vw-section vw-pinned-track" aria-labelledby="profile-pinned-title">
      <h2 id="profile-pinned-title" className="vw-pinned-track__title">
        <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false" fill="currentColor">
          <path d="M15 3l6 6-3 1-3.5 3.5.5 4.5-2 2-4-4-5 5H3v-1l5-5-4-4 2-2 4.5.5L14 6z" />
        </svg>
        {t('profile.pin.title')}
      </h2>
      <TrackFeed tracks={[track]} label={t('profile.pin.label', { name })} />
    </section>
  );
}
