import type { TrackDto } from '@veza/api';
import { CoverArt } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { localeOf } from '../../i18n.ts';
import { formatMusicalKey } from '../../lib/musical-key.ts';
import './track-metadata.css';

/** Where a tag leads: the public tracks carrying it. */
export const tagHref = (tag: string) => `/tags/${encodeURIComponent(tag)}`;

/** The cover in the track's header, or the track's generated placeholder art (decorative). */
export function TrackCover({ track }: { track: Pick<TrackDto, 'id' | 'title' | 'coverUrl'> }) {
  const { t } = useTranslation();
  return (
    <CoverArt
      className="vw-track__cover"
      seed={track.id}
      src={track.coverUrl}
      alt={track.coverUrl ? t('track.coverAlt', { title: track.title }) : ''}
    />
  );
}

/** Genre, BPM and key as entries of the facts list (only those known); the genre leads to its trending tracks. */
export function TrackMetadataFacts({ track }: { track: Pick<TrackDto, 'bpm' | 'musicalKey' | 'genre'> }) {
  const { t } = useTranslation();
  return (
    <>
      {track.genre && (
        <div>
          <dt>{t('trackGenre.label')}</dt>
          <dd><Link to={`/explore?genre=${encodeURIComponent(track.genre)}`} title={t('trackGenre.link', { genre: t(`genre.${track.genre}`) })}>{t(`genre.${track.genre}`)}</Link></dd>
        </div>
      )}
      {track.bpm !== null && <div><dt>{t('track.bpm')}</dt><dd>{track.bpm}</dd></div>}
      {track.musicalKey && <div><dt>{t('track.key')}</dt><dd>{formatMusicalKey(track.musicalKey, t)}</dd></div>}
    </>
  );
}

/** The owner's facts about the file: format, loudness and true peak, visibility. Listeners never see them. */
export function TrackFileDetails({ track }: { track: Pick<TrackDto, 'format' | 'loudness' | 'visibility'> }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(localeOf(i18n.resolvedLanguage ?? 'en'), { maximumFractionDigits: 1 });
  return (
    <section className="vw-track-file" aria-labelledby="track-file-details">
      <h2 id="track-file-details" className="vw-section-title">{t('track.fileDetails')}</h2>
      <p className="vw-muted vw-track-file__hint">{t('track.fileDetailsHint')}</p>
      <dl className="vw-facts">
        <div><dt>{t('track.format')}</dt><dd>{track.format.toUpperCase()}</dd></div>
        {track.loudness && (
          <>
            <div><dt>{t('track.loudness')}</dt><dd>{t('track.loudnessValue', { lufs: number.format(track.loudness.integratedLufs) })}</dd></div>
            <div><dt>{t('track.truePeak')}</dt><dd>{t('track.truePeakValue', { db: number.format(track.loudness.truePeakDb) })}</dd></div>
          </>
        )}
        <div><dt>{t('track.visibility')}</dt><dd>{t(`track.visibilities.${track.visibility}`)}</dd></div>
      </dl>
    </section>
  );
}

/** Tags as links to the tracks sharing them, and the lyrics behind a disclosure. */
export function TrackExtras({ track }: { track: Pick<TrackDto, 'tags' | 'lyrics'> }) {
  const { t } = useTranslation();
  if (track.tags.length === 0 && !track.lyrics) return null;
  return (
    <div className="vw-track-extras">
      {track.tags.length > 0 && (
        <ul className="vw-tags__list vw-track-tags" aria-label={t('track.tags')}>
          {track.tags.map((tag) => (
            <li key={tag}>
              <Link className="vw-tag vw-tag--link" to={tagHref(tag)} title={t('track.tagLink', { tag })}>{tag}</Link>
            </li>
          ))}
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
