// Search (issue 12): the search box's suggestions, and results pages of tracks (with facets), people, playlists
// and groups. The query language is @veza/validators' parseSearch; the SQL and its indexes are @veza/db's
// search/. Who finds what:
//  - tracks: ready ones, the viewer's own whatever their visibility, others' when public (never unlisted: those are
//    shared by link) and of a profile the viewer sees (social/audience.ts), by nobody in a block with the viewer;
//  - people: anyone but suspended accounts and people in a block with the viewer (a private profile is found: its
//    name is public, its tracks and lists are not);
//  - playlists: the viewer's own, and public ones of a profile the viewer sees, by nobody in a block with the viewer;
//  - groups: public and private ones (as the groups service has it, a private group's name, description, avatar and
//    member count are public so that people find it and ask to join; its feed and members stay for members), but not
//    those the viewer is banned from. A block with a group's owner does not hide the group (groups.get shows it too).
// A signed-in person's first results page records the query in their history (history.service.ts).
import { catalogSearchRepository, communityGroupsRepository, compileSearch, foldQuery, playlistsRepository, SEARCH_SOURCES, tracksRepository, uploadedSince, type CompiledSearch, type SearchAfter } from '@veza/db';
import {
  parseSearch,
  searchPageInput,
  searchSuggestInput,
  searchTracksInput,
  TRACK_SEARCH_SORTS,
  type ParsedSearch,
  type SearchPageInput,
  type SearchSuggestInput,
  type SearchTracksInput,
  type TrackSearchSort,
} from '@veza/validators';
import type { Context } from '../context.ts';
import { DomainError } from '../errors.ts';
import { playlistCoverUrlOf } from '../playlists/playlists.service.ts';
import { coverUrlOf } from '../tracks/cover.service.ts';
import { toTrackDtos } from '../tracks/tracks.service.ts';
import { groupAvatarUrlOf, toGroupDtos } from '../groups/groups.service.ts';
import { profileImageUrl, toUserSummary } from '../users/users.dto.ts';
import type { GroupSearchPageDto, PeopleSearchPageDto, PlaylistSearchPageDto, SuggestDto, SuggestionDto, TrackSearchPageDto } from './search.dto.ts';
import { recentSearches, recordSearch } from './history.service.ts';

type Ctx = Pick<Context, 'em' | 'viewer' | 'deps'>;

const emptyQuery = () =>
  new DomainError('BAD_REQUEST', 'Type a word to search for (at least 2 letters), or choose a filter.', { q: ['Type a word to search for.'] }, 'empty_query');
const badCursor = () => new DomainError('BAD_REQUEST', 'This page link is no longer valid. Start again from the first page.', { cursor: ['Start again from the first page.'] }, 'bad_cursor');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const VALUE: Record<TrackSearchSort, RegExp> = {
  relevance: /^-?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/i,
  newest: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
  plays: /^\d{1,10}$/,
};

/** A page cursor: the sort it was made for, and the last hit's sort key and id. */
export const encodeSearchCursor = (sort: TrackSearchSort, after: SearchAfter) => Buffer.from(`${sort}|${after.value}|${after.id}`).toString('base64url');

/** The position a cursor encodes; BAD_REQUEST (reason `bad_cursor`) for a forged one or one of another sort. */
export function decodeSearchCursor(cursor: string, sort: TrackSearchSort): SearchAfter {
  const [kind, value, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || kind !== sort || !(TRACK_SEARCH_SORTS as readonly string[]).includes(kind) || !value || !id || !UUID.test(id) || !VALUE[sort].test(value)) throw badCursor();
  if (sort === 'newest' && Number.isNaN(Date.parse(value))) throw badCursor();
  if (sort === 'relevance' && !Number.isFinite(Number(value))) throw badCursor();
  return { value, id };
}

/** The query folded as the indexes are (one round trip), or null when it holds no word to search for. */
async function folded(ctx: Ctx, q: string): Promise<ParsedSearch | null> {
  const parsed = await foldQuery(ctx.em, parseSearch(q));
  return parsed.groups.length > 0 ? parsed : null;
}

const viewerIdOf = (ctx: Ctx) => ctx.viewer?.id ?? null;

/**
 * The search box: for a query, the best tracks, people, playlists and groups together (at most `limit`, no kind taking
 * more than half the rows when the others have some); for an empty one (or one with no word to search for), the
 * signed-in person's recent searches.
 */
export async function suggest(ctx: Ctx, raw: SearchSuggestInput): Promise<SuggestDto> {
  const input = searchSuggestInput.parse(raw);
  const parsed = await folded(ctx, input.q);
  if (!parsed) return { items: [], recent: ctx.viewer && input.q === '' ? await recentSearches(ctx, ctx.viewer.id) : [] };
  const compiled = (kind: keyof typeof SEARCH_SOURCES, from = parsed) => compileSearch(from, SEARCH_SOURCES[kind]) as CompiledSearch;
  // A word found as written in many tracks gets no typo tolerance for tracks, playlists and groups (catalog-search
  // repository's withoutCommonFuzzy): it is a real word, and trigram candidates of a frequent word cost more than the
  // rest of the suggestions (playlists and groups: 19 of 21 ms for "love" on a million tracks). People keep it (names).
  const prepared = await catalogSearchRepository(ctx.em).prepareTrackSearch(parsed);
  const forTracks = prepared.parsed;
  const perKind = Math.max(2, Math.ceil(input.limit / 2));
  const rows = await catalogSearchRepository(ctx.em).suggest(
    { tracks: compiled('tracks', forTracks), users: compiled('users'), playlists: compiled('playlists', forTracks), groups: compiled('groups', forTracks) },
    viewerIdOf(ctx),
    input.limit,
    forTracks,
    prepared.share,
  );
  // Best first, a kind taking at most `perKind` while others have rows left; then the rest in order.
  const picked = [];
  const taken = new Map<string, number>();
  const rest = [];
  for (const row of rows) {
    const n = taken.get(row.kind) ?? 0;
    if (n < perKind) {
      picked.push(row);
      taken.set(row.kind, n + 1);
    } else rest.push(row);
  }
  const items = [...picked, ...rest].slice(0, input.limit).sort((a, b) => b.score - a.score);
  return {
    items: items.map((r): SuggestionDto => {
      if (r.kind === 'user') return { kind: 'user', id: r.id, username: r.username, displayName: r.displayName, avatarUrl: profileImageUrl(r.id, 'avatar', r.avatarKey), isPrivate: r.isPrivate };
      if (r.kind === 'playlist') return { kind: 'playlist', id: r.id, title: r.title, owner: toUserSummary(r.owner), coverUrl: playlistCoverUrlOf(r) };
      if (r.kind === 'group') return { kind: 'group', id: r.id, slug: r.slug, name: r.name, avatarUrl: groupAvatarUrlOf(r), memberCount: r.memberCount, isPublic: r.isPublic };
      return { kind: 'track', id: r.id, title: r.title, owner: toUserSummary(r.owner), coverUrl: coverUrlOf(r) };
    }),
    recent: [],
  };
}

/**
 * A page of tracks matching the query and the filters, by relevance (newest first without a query), newest or most
 * played; the first page also carries the facet counts and, signed in, records the query in the history.
 */
export async function tracks(ctx: Ctx, raw: SearchTracksInput): Promise<TrackSearchPageDto> {
  const input = searchTracksInput.parse(raw);
  const parsed = await folded(ctx, input.q);
  const sort: TrackSearchSort = parsed || input.sort !== 'relevance' ? input.sort : 'newest';
  const after = input.cursor ? decodeSearchCursor(input.cursor, sort) : null;
  const filters = {
    genres: input.genres,
    keys: input.keys,
    tags: input.tags,
    bpmMin: input.bpmMin,
    bpmMax: input.bpmMax,
    durationMin: input.durationMin,
    durationMax: input.durationMax,
    uploadedSince: input.uploadedWithin ? uploadedSince(input.uploadedWithin, new Date()) : undefined,
  };
  const filtered = Object.values(filters).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0));
  if (!parsed && !filtered) throw emptyQuery();
  let search: CompiledSearch | null = null;
  let estimatedMatches: number | undefined;
  if (parsed) {
    const prepared = await catalogSearchRepository(ctx.em).prepareTrackSearch(parsed);
    search = compileSearch(prepared.parsed, SEARCH_SOURCES.tracks, { unindexed: prepared.unindexed });
    // Only when every word is looked up in the index: reading "all the matches" of `night fire` (night tested row by
    // row) reads every match of fire.
    estimatedMatches = prepared.unindexed.size === 0 ? prepared.estimatedMatches : undefined;
  }
  const viewerId = viewerIdOf(ctx);
  const [page, facets] = await Promise.all([
    catalogSearchRepository(ctx.em).tracks({ search, filters, sort, after, limit: input.limit, viewerId, estimatedMatches }),
    after ? null : catalogSearchRepository(ctx.em.fork()).trackFacets({ search, filters, viewerId, now: new Date() }),
  ]);
  const cards = new Map((await tracksRepository(ctx.em).cards(page.rows.map((r) => r.id))).map((c) => [c.id, c]));
  const present = page.rows.filter((r) => cards.has(r.id));
  const items = await toTrackDtos(ctx, present.map((r) => cards.get(r.id)!));
  if (!after && parsed && ctx.viewer) await recordSearch(ctx, ctx.viewer.id, parsed.normalized);
  const last = page.rows.at(-1);
  return { items, nextCursor: page.more && last ? encodeSearchCursor(sort, { value: last.value, id: last.id }) : null, facets, approximate: page.approximate };
}

/** A page of people matching the query, best first; a first page records the query (signed in). */
export async function people(ctx: Ctx, raw: SearchPageInput): Promise<PeopleSearchPageDto> {
  const input = searchPageInput.parse(raw);
  const parsed = await folded(ctx, input.q);
  if (!parsed) throw emptyQuery();
  const after = input.cursor ? decodeSearchCursor(input.cursor, 'relevance') : null;
  const page = await catalogSearchRepository(ctx.em).people({ search: compileSearch(parsed, SEARCH_SOURCES.users) as CompiledSearch, after, limit: input.limit, viewerId: viewerIdOf(ctx) });
  if (!after && ctx.viewer) await recordSearch(ctx, ctx.viewer.id, parsed.normalized);
  const last = page.rows.at(-1);
  return {
    items: page.rows.map((u) => ({ user: toUserSummary(u), avatarUrl: profileImageUrl(u.id, 'avatar', u.avatarKey), isPrivate: u.isPrivate })),
    nextCursor: page.more && last ? encodeSearchCursor('relevance', { value: last.value, id: last.id }) : null,
  };
}

/** A page of playlists matching the query, best first (typo tolerance as for tracks); a first page records the query (signed in). */
export async function playlists(ctx: Ctx, raw: SearchPageInput): Promise<PlaylistSearchPageDto> {
  const input = searchPageInput.parse(raw);
  const parsed = await folded(ctx, input.q);
  if (!parsed) throw emptyQuery();
  const after = input.cursor ? decodeSearchCursor(input.cursor, 'relevance') : null;
  const search = compileSearch(await catalogSearchRepository(ctx.em).withoutCommonFuzzy(parsed), SEARCH_SOURCES.playlists) as CompiledSearch;
  const page = await catalogSearchRepository(ctx.em).playlists({ search, after, limit: input.limit, viewerId: viewerIdOf(ctx) });
  const byId = new Map((await playlistsRepository(ctx.em).many(page.rows.map((r) => r.id))).map((p) => [p.id, p]));
  if (!after && ctx.viewer) await recordSearch(ctx, ctx.viewer.id, parsed.normalized);
  const last = page.rows.at(-1);
  return {
    items: page.rows.flatMap((r) => {
      const p = byId.get(r.id);
      if (!p) return [];
      return [
        {
          id: p.id,
          title: p.title,
          description: p.description ?? null,
          isPublic: p.isPublic,
          owner: toUserSummary(p.owner),
          coverUrl: playlistCoverUrlOf(p),
          likeCount: p.likeCount,
          createdAt: p.createdAt.toISOString(),
        },
      ];
    }),
    nextCursor: page.more && last ? encodeSearchCursor('relevance', { value: last.value, id: last.id }) : null,
  };
}

/** A page of groups matching the query (public and private ones), best first (typo tolerance as for tracks); a first page records the query (signed in). */
export async function groups(ctx: Ctx, raw: SearchPageInput): Promise<GroupSearchPageDto> {
  const input = searchPageInput.parse(raw);
  const parsed = await folded(ctx, input.q);
  if (!parsed) throw emptyQuery();
  const after = input.cursor ? decodeSearchCursor(input.cursor, 'relevance') : null;
  const search = compileSearch(await catalogSearchRepository(ctx.em).withoutCommonFuzzy(parsed), SEARCH_SOURCES.groups) as CompiledSearch;
  const page = await catalogSearchRepository(ctx.em).groups({ search, after, limit: input.limit, viewerId: viewerIdOf(ctx) });
  const byId = new Map((await communityGroupsRepository(ctx.em).many(page.rows.map((r) => r.id))).map((g) => [g.id, g]));
  if (!after && ctx.viewer) await recordSearch(ctx, ctx.viewer.id, parsed.normalized);
  const last = page.rows.at(-1);
  return {
    items: await toGroupDtos(ctx, page.rows.flatMap((r) => (byId.has(r.id) ? [byId.get(r.id)!] : []))),
    nextCursor: page.more && last ? encodeSearchCursor('relevance', { value: last.value, id: last.id }) : null,
  };
}
