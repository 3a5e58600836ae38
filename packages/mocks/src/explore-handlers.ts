// Explore and Up next (issue 11) for the mock back end: explore.trending ranks the public, ready tracks the viewer may
// see (likes, reposts and plays stand in for the server's decayed scores; "rising" keeps artists with few followers),
// filtered by genre and paged by rank; tracks.related ranks them against a seed like the API does (same artist, genre,
// shared tags; likes break ties), leaving out the seed and the excluded ids.
import type { TrackDto } from '@veza/api';
import { delay, type RequestHandler } from 'msw';
import { db, findVisibleTrack, withViewer } from './db.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

/** "New and rising": artists with fewer approved followers than this (the API's is 200). */
const RISING_MAX_FOLLOWERS = 2;

/** Lists carry neither the waveform nor the lyrics (like the API). */
const listItem = (t: TrackDto): TrackDto => ({ ...withViewer(t), waveform: null, lyrics: null });
const playable = (t: TrackDto) => t.visibility === 'public' && t.status === 'ready' && findVisibleTrack(t.id) !== undefined;
const followers = (userId: string) => db.follows.filter((f) => f.followeeId === userId && f.status === 'active').length;
const score = (t: TrackDto) => t.likeCount * 4 + db.reposts.filter((r) => r.trackId === t.id).length * 12 + t.playCount;

/** When the mock's ranks were computed. */
const COMPUTED_AT = '2026-12-07T12:00:00.000Z';

export const exploreHandlers: RequestHandler[] = [
  trpcMsw.explore.trending.query(async ({ input }) => {
    await delay();
    const window = input?.window ?? 'week';
    const limit = input?.limit ?? 20;
    const afterRank = input?.afterRank ?? 0;
    const ranked = db.tracks
      .filter((t) => t.visibility === 'public' && t.status === 'ready' && !db.users.find((u) => u.id === t.owner.id)?.isPrivate)
      .filter((t) => window !== 'rising' || followers(t.owner.id) < RISING_MAX_FOLLOWERS)
      .sort((a, b) => score(b) - score(a) || a.id.localeCompare(b.id))
      .map((t, i) => ({ rank: i + 1, track: t }));
    const rows = ranked.filter((r) => r.rank > afterRank && (!input?.genre || r.track.genre === input.genre) && playable(r.track));
    const page = rows.slice(0, limit);
    return {
      window,
      items: page.map((r) => ({ rank: r.rank, track: listItem(r.track) })),
      nextAfterRank: rows.length > limit ? (page.at(-1)?.rank ?? null) : null,
      computedAt: COMPUTED_AT,
    };
  }),
  trpcMsw.tracks.related.query(async ({ input }) => {
    await delay();
    const seed = findVisibleTrack(input.trackId);
    if (!seed) throw new MockTrpcError('NOT_FOUND', 'Track not found.');
    const excluded = new Set([seed.id, ...(input.excludeIds ?? [])]);
    const relevance = (t: TrackDto) =>
      (t.owner.id === seed.owner.id ? 3 : 0) + (seed.genre && t.genre === seed.genre ? 2 : 0) + Math.min(3, t.tags.filter((tag) => seed.tags.includes(tag)).length);
    return db.tracks
      .filter((t) => !excluded.has(t.id) && playable(t))
      .sort((a, b) => relevance(b) - relevance(a) || b.likeCount - a.likeCount || a.id.localeCompare(b.id))
      .slice(0, input.limit ?? 10)
      .map(listItem);
  }),
];
