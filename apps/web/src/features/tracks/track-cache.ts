import type { Query, QueryClient } from '@tanstack/react-query';
import type { TrackDto } from '@veza/api';

/** The queries whose data holds tracks: a track page, and the lists (home, feed, profile tabs, tags) item by item. */
const TRACK_QUERIES = new Set(['tracks.byId', 'tracks.list', 'feed.home', 'social.reposts', 'social.likes']);

/** tRPC keys a query `[['tracks', 'list'], { input, type }]`. */
const pathOf = (query: Query) => (Array.isArray(query.queryKey[0]) ? query.queryKey[0].join('.') : '');
export const holdsTracks = (query: Query) => TRACK_QUERIES.has(pathOf(query));

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isTrack = (value: unknown, id: string): value is TrackDto => isRecord(value) && value.id === id && 'audioUrl' in value && 'owner' in value;

/** A list item: the track itself, or an entry carrying it (`{ track, at, … }` in the feed and the profile tabs). */
function patchItem(item: unknown, id: string, patch: (t: TrackDto) => TrackDto): unknown {
  if (isTrack(item, id)) return patch(item);
  if (isRecord(item) && isTrack(item.track, id)) return { ...item, track: patch(item.track) };
  return item;
}

function patchPage(page: unknown, id: string, patch: (t: TrackDto) => TrackDto): unknown {
  if (!isRecord(page) || !Array.isArray(page.items)) return page;
  return { ...page, items: page.items.map((item) => patchItem(item, id, patch)) };
}

/** `data` with track `id` replaced by `patch(track)` wherever it shows: a track, a page of items, infinite pages. */
export function patchTrackData(data: unknown, id: string, patch: (t: TrackDto) => TrackDto): unknown {
  if (isTrack(data, id)) return patch(data);
  if (isRecord(data) && Array.isArray(data.pages)) return { ...data, pages: data.pages.map((page) => patchPage(page, id, patch)) };
  return patchPage(data, id, patch);
}

/**
 * Changes a track in every cached query showing it (its page and every list), so a repost or a play count reads the
 * same everywhere at once. Queries without data are left alone.
 */
export function patchTrack(queryClient: QueryClient, id: string, change: Partial<TrackDto>) {
  const patch = (t: TrackDto): TrackDto => ({ ...t, ...change });
  queryClient.setQueriesData({ predicate: holdsTracks }, (data: unknown) => (data === undefined ? data : patchTrackData(data, id, patch)));
}
