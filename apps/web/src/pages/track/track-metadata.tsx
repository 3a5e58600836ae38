import type { TrackDto } from '@veza/api';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../i18n.ts';
import './track-metadata.css';

/** The cover in the track's header, when there is one. */
export function TrackCover({ track }: { track: Pick<TrackDto, 'title' | 'coverUrl'> }) {
  const { t } = useTranslation();
  if (!track.coverUrl) return null;
  return <img className="vw-track__cover" src={track.coverUrl} alt={t('track.coverAlt', { title: track.title })} />;
}

/** BPM, key and loudness as entries of the facts list (only those known). */
export function TrackMetadataFacts({ track }: { track: Pick<TrackDto, 'bpm' | 'musicalKey' | 'loudness'> }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(localeOf(i18n.resolvedLanguage ?? 'en'), { maximumFractionDigits: 1 });
  return (
    <>
      {track.bpm !== null && <div><dt>{t('track.bpm')}</dt><dd>{track.bpm}</dd></div>}
      {track.musicalKey && <div><dt>{t('track.key')}</dt><dd>{track.musicalKey}</dd></div>}
      {track.loudness && (
        <div><dt>{t('track.loudness')}</dt><dd>{t('track.loudnessValue', { lufs: number.format(track.loudness.integratedLufs) })}</dd></div>
      )}
    </>
  );
}

/** Tags as chips and the lyrics behind a disclosure. */
export function TrackExtras({ track }: { track: Pick<TrackDto, 'tags' | 'lyrics'> }) {
  const { t } = useTranslation();
  if (track.tags.length === 0 && !track.lyrics) return null;
  return (
    <div className="vw-track-extras">
      {track.tags.length > 0 && (
        <ul className="vw-tags__list vw-track-tags" aria-label={t('track.tags')}>
          {track.tags.map((tag) => <li key={tag} className="vw-tag">{tag}</li>)}
        </ul>
      )}
      {track.lyrics && (
        <details className="vw-lyrics">
          <summary>{t('track.lyrics')}</summary>
          <p className="vw-lyrics__text">{track.lyrics}</p>
        </details>
      )}
    </div>
  );
}
