import type { TrackDto } from '@veza/api';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../i18n.ts';

/** "1.2K plays" / « 1,2 k écoutes »: the count compact (Intl), the words in the plural the count asks for. */
export function playsText(t: TFunction, count: number, locale: string, notation: 'compact' | 'standard' = 'compact'): string {
  return t('plays.count', { count, formatted: new Intl.NumberFormat(locale, { notation }).format(count) });
}

/**
 * The play count as an entry of a track's facts list (`<dl className="vw-facts">`): "Plays 1.2K", the full number
 * for screen readers and as a tooltip.
 */
export function TrackPlaysFact({ track }: { track: Pick<TrackDto, 'playCount'> }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.resolvedLanguage ?? 'en');
  const full = new Intl.NumberFormat(locale).format(track.playCount);
  return (
    <div>
      <dt>{t('plays.fact')}</dt>
      <dd title={full}>
        <span aria-hidden="true">{new Intl.NumberFormat(locale, { notation: 'compact' }).format(track.playCount)}</span>
        <span className="vz-sr-only">{full}</span>
      </dd>
    </div>
  );
}
