import type { TrackFacetsDto } from '@veza/api';
import { BPM_BUCKETS, DURATION_BUCKETS, UPLOADED_WITHIN, type Genre } from '@veza/validators';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasFilters, NO_FILTERS, TAG_FILTER_MAX, toggled, type TrackFilters } from './search-url.ts';

interface TrackFacetsProps {
  /** The counts of the matches under the current filters; null while the first page loads. */
  facets: TrackFacetsDto | null;
  filters: TrackFilters;
  onChange: (filters: TrackFilters) => void;
}

interface Choice {
  value: string;
  label: string;
  count: number;
}

/** The counted values, with the chosen ones that no match has any more (so they can be unchecked). */
function withChosen(counted: { value: string; count: number }[], chosen: string[], label: (value: string) => string): Choice[] {
  const rows = counted.filter((c) => c.count > 0 || chosen.includes(c.value)).map((c) => ({ ...c, label: label(c.value) }));
  for (const value of chosen) if (!rows.some((r) => r.value === value)) rows.push({ value, count: 0, label: label(value) });
  return rows;
}

function CheckGroup({ legend, choices, chosen, onToggle, max }: { legend: string; choices: Choice[]; chosen: string[]; onToggle: (value: string) => void; max?: number }) {
  const { t, i18n } = useTranslation();
  if (choices.length === 0) return null;
  const full = max !== undefined && chosen.length >= max;
  return (
    <fieldset className="vw-facet">
      <legend className="vw-facet__legend">{legend}</legend>
      {choices.map((c) => (
        <label key={c.value} className="vw-facet__choice">
          <input type="checkbox" checked={chosen.includes(c.value)} disabled={full && !chosen.includes(c.value)} onChange={() => onToggle(c.value)} />
          <span className="vw-facet__label">{c.label}</span>
          <span className="vw-facet__count" aria-label={t('searchPage.facets.count', { count: c.count })}>
            {c.count.toLocaleString(i18n.resolvedLanguage)}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function RadioGroup({ legend, name, choices, chosen, onChoose }: { legend: string; name: string; choices: Choice[]; chosen: string | null; onChoose: (value: string | null) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="vw-facet">
      <legend className="vw-facet__legend">{legend}</legend>
      <label className="vw-facet__choice">
        <input type="radio" name={name} checked={chosen === null} onChange={() => onChoose(null)} />
        <span className="vw-facet__label">{t('searchPage.facets.any')}</span>
      </label>
      {choices.map((c) => (
        <label key={c.value} className="vw-facet__choice">
          <input type="radio" name={name} checked={chosen === c.value} onChange={() => onChoose(c.value)} />
          <span className="vw-facet__label">{c.label}</span>
          <span className="vw-facet__count" aria-label={t('searchPage.facets.count', { count: c.count })}>
            {c.count.toLocaleString(i18n.resolvedLanguage)}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

const wideScreen = () => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 60rem)').matches;

/**
 * The track filters with the number of matches each would leave (genre, key, tags, BPM, duration, upload date): open
 * beside the results on wide screens, folded under "Filters" on phones.
 */
export function TrackFacets({ facets, filters, onChange }: TrackFacetsProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(wideScreen);
  const chosenCount = filters.genres.length + filters.keys.length + filters.tags.length + [filters.bpm, filters.duration, filters.uploaded].filter(Boolean).length;
  const set = (change: Partial<TrackFilters>) => onChange({ ...filters, ...change });
  const counts = (list: { value: string; count: number }[] | undefined, ids: readonly string[]) => ids.map((id) => ({ value: id, count: list?.find((c) => c.value === id)?.count ?? 0 }));

  return (
    <details className="vw-search-facets" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="vw-search-facets__summary">{chosenCount > 0 ? t('searchPage.facets.titleCount', { count: chosenCount }) : t('searchPage.facets.title')}</summary>
      <div className="vw-search-facets__body">
        {hasFilters(filters) && (
          <button type="button" className="vw-search-facets__clear" onClick={() => onChange(NO_FILTERS)}>
            {t('searchPage.facets.clear')}
          </button>
        )}
        {!facets ? (
          <p className="vw-muted">{t('searchPage.facets.loading')}</p>
        ) : (
          <>
            {facets.capped && <p className="vw-muted">{t('searchPage.facets.capped', { count: facets.total })}</p>}
            <CheckGroup
              legend={t('searchPage.facets.genre')}
              choices={withChosen(facets.genres, filters.genres, (g) => t(`genre.${g}`))}
              chosen={filters.genres}
              onToggle={(g) => set({ genres: toggled(filters.genres, g as Genre) })}
            />
            <CheckGroup legend={t('searchPage.facets.key')} choices={withChosen(facets.keys, filters.keys, (k) => k)} chosen={filters.keys} onToggle={(k) => set({ keys: toggled(filters.keys, k) })} />
            <CheckGroup
              legend={t('searchPage.facets.tags')}
              choices={withChosen(facets.tags, filters.tags, (tag) => `#${tag}`)}
              chosen={filters.tags}
              onToggle={(tag) => set({ tags: toggled(filters.tags, tag) })}
              max={TAG_FILTER_MAX}
            />
            <RadioGroup
              legend={t('searchPage.facets.bpm')}
              name="bpm"
              choices={counts(facets.bpm, BPM_BUCKETS.map((b) => b.id)).map((c) => ({ ...c, label: t(`searchPage.bpm.${c.value}`) }))}
              chosen={filters.bpm}
              onChoose={(bpm) => set({ bpm: bpm as TrackFilters['bpm'] })}
            />
            <RadioGroup
              legend={t('searchPage.facets.duration')}
              name="duration"
              choices={counts(facets.duration, DURATION_BUCKETS.map((b) => b.id)).map((c) => ({ ...c, label: t(`searchPage.duration.${c.value}`) }))}
              chosen={filters.duration}
              onChoose={(duration) => set({ duration: duration as TrackFilters['duration'] })}
            />
            <RadioGroup
              legend={t('searchPage.facets.uploaded')}
              name="uploaded"
              choices={counts(facets.uploaded, UPLOADED_WITHIN).map((c) => ({ ...c, label: t(`searchPage.uploaded.${c.value}`) }))}
              chosen={filters.uploaded}
              onChoose={(uploaded) => set({ uploaded: uploaded as TrackFilters['uploaded'] })}
            />
          </>
        )}
      </div>
    </details>
  );
}
