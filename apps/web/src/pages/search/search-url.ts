import {
  BPM_BUCKETS,
  DURATION_BUCKETS,
  GENRES,
  MUSICAL_KEYS,
  TRACK_SEARCH_SORTS,
  trackTagSchema,
  UPLOADED_WITHIN,
  type Genre,
  type SearchTracksInput,
  type TrackSearchSort,
  type UploadedWithin,
} from '@veza/validators';

/**
 * The kinds of results the page has a tab for, in tab order. A new kind (groups) is one more entry here, its strings
 * (`searchPage.tabs.<kind>`) and its results list in search-results.tsx (as groups were added).
 */
export const SEARCH_TABS = ['tracks', 'people', 'playlists', 'groups'] as const;
export type SearchTab = (typeof SEARCH_TABS)[number];

export type BpmBucket = (typeof BPM_BUCKETS)[number]['id'];
export type DurationBucket = (typeof DURATION_BUCKETS)[number]['id'];

/** The track filters of the page (the facets), as the URL holds them. */
export interface TrackFilters {
  genres: Genre[];
  keys: string[];
  tags: string[];
  bpm: BpmBucket | null;
  duration: DurationBucket | null;
  uploaded: UploadedWithin | null;
}

/** What /search shows: `?q=lofi+-rain&type=tracks&genre=lo-fi&bpm=90-110&sort=newest`. */
export interface SearchView {
  q: string;
  type: SearchTab;
  filters: TrackFilters;
  sort: TrackSearchSort;
}

export const NO_FILTERS: TrackFilters = { genres: [], keys: [], tags: [], bpm: null, duration: null, uploaded: null };
/** The most tags one search may filter by (the API's limit). */
export const TAG_FILTER_MAX = 5;

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | null => (value !== null && (list as readonly string[]).includes(value) ? (value as T) : null);
const allOf = <T extends string>(list: readonly T[], values: string[]): T[] => [...new Set(values.filter((v): v is T => (list as readonly string[]).includes(v)))];
/** A tag as tracks carry them (lower case, trimmed), or null for what no track could carry. */
const cleanTag = (tag: string) => {
  const parsed = trackTagSchema.safeParse(tag);
  return parsed.success ? parsed.data : null;
};

/** Reads the page's query string; anything unknown reads as the default (no filter, relevance, tracks). */
export function readSearchView(params: URLSearchParams): SearchView {
  const tags = [...new Set(params.getAll('tag').flatMap((t) => cleanTag(t) ?? []))].slice(0, TAG_FILTER_MAX);
  return {
    q: params.get('q') ?? '',
    type: oneOf(SEARCH_TABS, params.get('type')) ?? 'tracks',
    filters: {
      genres: allOf(GENRES, params.getAll('genre')),
      keys: allOf(MUSICAL_KEYS, params.getAll('key')),
      tags,
      bpm: oneOf(BPM_BUCKETS.map((b) => b.id), params.get('bpm')),
      duration: oneOf(DURATION_BUCKETS.map((b) => b.id), params.get('duration')),
      uploaded: oneOf(UPLOADED_WITHIN, params.get('uploaded')),
    },
    sort: oneOf(TRACK_SEARCH_SORTS, params.get('sort')) ?? 'relevance',
  };
}

/** The query string of a view (defaults left out; filters and sort only for tracks, the tab they belong to). */
export function searchParamsOf(view: SearchView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q) params.set('q', view.q);
  if (view.type !== 'tracks') {
    params.set('type', view.type);
    return params;
  }
  const { genres, keys, tags, bpm, duration, uploaded } = view.filters;
  for (const g of genres) params.append('genre', g);
  for (const k of keys) params.append('key', k);
  for (const t of tags) params.append('tag', t);
  if (bpm) params.set('bpm', bpm);
  if (duration) params.set('duration', duration);
  if (uploaded) params.set('uploaded', uploaded);
  if (view.sort !== 'relevance') params.set('sort', view.sort);
  return params;
}

/** The page's URL for a view. */
export function searchHref(view: Partial<SearchView> & { q: string }): string {
  const query = searchParamsOf({ type: 'tracks', filters: NO_FILTERS, sort: 'relevance', ...view }).toString();
  return query ? `/search?${query}` : '/search';
}

export const hasFilters = (f: TrackFilters) => f.genres.length > 0 || f.keys.length > 0 || f.tags.length > 0 || f.bpm !== null || f.duration !== null || f.uploaded !== null;

/** The `search.tracks` input of a view (without cursor). */
export function tracksInputOf(view: SearchView, limit: number): SearchTracksInput {
  const { genres, keys, tags, bpm, duration, uploaded } = view.filters;
  const bpmBucket = BPM_BUCKETS.find((b) => b.id === bpm);
  const durationBucket = DURATION_BUCKETS.find((b) => b.id === duration);
  return {
    q: view.q.trim(),
    ...(genres.length > 0 ? { genres } : {}),
    ...(keys.length > 0 ? { keys } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(bpmBucket?.min != null ? { bpmMin: bpmBucket.min } : {}),
    ...(bpmBucket?.max != null ? { bpmMax: bpmBucket.max } : {}),
    ...(durationBucket?.min != null ? { durationMin: durationBucket.min } : {}),
    ...(durationBucket?.max != null ? { durationMax: durationBucket.max } : {}),
    ...(uploaded ? { uploadedWithin: uploaded } : {}),
    sort: view.sort,
    limit,
  };
}

/** A list with `value` added, or removed when it is there (a facet checkbox). */
export const toggled = <T>(list: T[], value: T): T[] => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
