// Track search's filters and facet counts (issue 12): genre, musical key, BPM range, duration range, tags, upload
// date. The counts are of the matches under every current filter, read in one statement over at most FACET_CAP
// matches (the first the indexes find): a frequent word on a million tracks is counted on a bounded sample, and
// `capped` says so. Filters alone are served by the indexes on genre and key, key, BPM and duration (Track).
import { BPM_BUCKETS, DURATION_BUCKETS, UPLOADED_WITHIN, type UploadedWithin } from '@veza/validators';
import type { Em } from '../orm.ts';
import type { CompiledSearch } from './search-query.ts';
import { trackVisibility } from './search-sources.ts';

/**
 * Most matches the facet counts read: more matched, the counts are of a sample (the first found) and say `capped`.
 * 1,000 rather than more: reading 10,000 matches took ~40 ms of a 50 ms budget on a million tracks for a word in 1 % of
 * them, and two words together (each common, their conjunction in 0.8 % of the tracks) read ~7 rows per match
 * (tooling/bench/search.mjs); the shares of 1,000 rows are within about three points of the whole's when the first
 * found are like the rest, which is what a facet's count is for (which values exist, roughly how many).
 */
export const FACET_CAP = 1_000;
/** Most tag values listed (the most frequent). */
export const FACET_TAGS = 20;

export interface TrackSearchFilters {
  genres?: string[] | undefined;
  keys?: string[] | undefined;
  /** Every one of these tags. */
  tags?: string[] | undefined;
  bpmMin?: number | undefined;
  bpmMax?: number | undefined;
  /** Seconds. */
  durationMin?: number | undefined;
  durationMax?: number | undefined;
  /** Uploaded at or after this time. */
  uploadedSince?: Date | undefined;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The filters as SQL conditions on `t`. */
export function trackFilterSql(f: TrackSearchFilters): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  if (f.genres && f.genres.length > 0) {
    sql.push(`t.genre in (${marks(f.genres.length)})`);
    params.push(...f.genres);
  }
  if (f.keys && f.keys.length > 0) {
    sql.push(`t.musical_key in (${marks(f.keys.length)})`);
    params.push(...f.keys);
  }
  if (f.tags && f.tags.length > 0) {
    // Served by tracks_tags_gin_idx (jsonb_path_ops).
    sql.push('t.tags @> ?::jsonb');
    params.push(JSON.stringify(f.tags));
  }
  if (f.bpmMin !== undefined) {
    sql.push('t.bpm >= ?');
    params.push(f.bpmMin);
  }
  if (f.bpmMax !== undefined) {
    sql.push('t.bpm < ?');
    params.push(f.bpmMax);
  }
  if (f.durationMin !== undefined) {
    sql.push('t.duration_ms >= ?');
    params.push(f.durationMin * 1000);
  }
  if (f.durationMax !== undefined) {
    sql.push('t.duration_ms < ?');
    params.push(f.durationMax * 1000);
  }
  if (f.uploadedSince) {
    sql.push('t.created_at >= ?');
    params.push(f.uploadedSince);
  }
  return { sql, params };
}

export interface FacetValueCount {
  value: string;
  count: number;
}

export interface TrackFacetCounts {
  /** Matches counted (at most FACET_CAP). */
  total: number;
  /** More matches exist than were counted. */
  capped: boolean;
  genres: FacetValueCount[];
  keys: FacetValueCount[];
  /** The FACET_TAGS most frequent. */
  tags: FacetValueCount[];
  /** By BPM_BUCKETS id. */
  bpm: FacetValueCount[];
  /** By DURATION_BUCKETS id. */
  duration: FacetValueCount[];
  /** Uploaded within the last day, week, month, year (each includes the shorter ones). */
  uploaded: FacetValueCount[];
}

const UPLOADED_MS: Record<UploadedWithin, number> = { day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000, year: 365 * 86_400_000 };

/** Since when "uploaded within the last `within`" counts, as of `now`. */
export const uploadedSince = (within: UploadedWithin, now: Date) => new Date(now.getTime() - UPLOADED_MS[within]);

const bucketCounts = (column: string, scale: number, buckets: readonly { id: string; min: number | null; max: number | null }[]) =>
  `json_build_array(${buckets
    .map((b) => {
      const conditions = [b.min === null ? null : `${column} >= ${b.min * scale}`, b.max === null ? null : `${column} < ${b.max * scale}`].filter(Boolean);
      return `json_build_object('value', '${b.id}', 'count', count(*) filter (where ${column} is not null and ${conditions.join(' and ')}))`;
    })
    .join(', ')})`;

const valueCounts = (expression: string, from: string, limit: number) =>
  `(select coalesce(json_agg(json_build_object('value', v.value, 'count', v.n) order by v.n desc, v.value), '[]'::json)
      from (select ${expression} as value, count(*) as n from ${from} group by 1 having ${expression} is not null order by n desc, 1 limit ${limit}) v)`;

const parsed = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
const counts = (value: unknown): FacetValueCount[] => parsed<{ value: string; count: number | string }[]>(value).map((v) => ({ value: String(v.value), count: Number(v.count) }));

/** The facet counts of the tracks `viewerId` may find matching `search` and `filters`, in one statement. */
export async function trackFacetCounts(em: Em, q: { search: CompiledSearch | null; filters: TrackSearchFilters; viewerId: string | null; now: Date }): Promise<TrackFacetCounts> {
  const visible = trackVisibility(q.viewerId);
  const filters = trackFilterSql(q.filters);
  const where = [visible.sql, ...filters.sql];
  const params: unknown[] = [...visible.params, ...filters.params];
  if (q.search) {
    where.push(q.search.where);
    params.push(...q.search.whereParams);
  }
  const uploaded = UPLOADED_WITHIN.map((w) => `json_build_object('value', '${w}', 'count', count(*) filter (where m.created_at >= ?))`);
  params.push(...UPLOADED_WITHIN.map((w) => uploadedSince(w, q.now)));
  const rows = await em.execute<Record<string, unknown>[]>(
    `with m as materialized (
       select t.genre, t.musical_key, t.bpm, t.duration_ms, t.created_at, t.tags from tracks t join users u on u.id = t.owner_id
       where ${where.join(' and ')} limit ${FACET_CAP + 1}
     )
     select (select count(*) from m) as total,
       ${valueCounts('m.genre', 'm', 100)} as genres,
       ${valueCounts('m.musical_key', 'm', 100)} as keys,
       (select coalesce(json_agg(json_build_object('value', v.tag, 'count', v.n) order by v.n desc, v.tag), '[]'::json)
          from (select tag, count(*) as n from m, jsonb_array_elements_text(m.tags) as tag group by tag order by n desc, tag limit ${FACET_TAGS}) v) as tags,
       (select ${bucketCounts('m.bpm', 1, BPM_BUCKETS)} from m) as bpm,
       (select ${bucketCounts('m.duration_ms', 1000, DURATION_BUCKETS)} from m) as duration,
       (select json_build_array(${uploaded.join(', ')}) from m) as uploaded`,
    params,
  );
  const row = rows[0] ?? {};
  const total = Number(row.total ?? 0);
  return {
    total: Math.min(total, FACET_CAP),
    capped: total > FACET_CAP,
    genres: counts(row.genres ?? '[]'),
    keys: counts(row.keys ?? '[]'),
    tags: counts(row.tags ?? '[]'),
    bpm: counts(row.bpm ?? '[]'),
    duration: counts(row.duration ?? '[]'),
    uploaded: counts(row.uploaded ?? '[]'),
  };
}
