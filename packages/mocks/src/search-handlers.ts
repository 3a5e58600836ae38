// Search (issue 12) for the mock back end: the search box's suggestions, results pages of tracks (with facet counts
// of the matches under every current filter, as the API counts them), people, playlists and groups (those of the groups
// mock's store, created ones included), and the signed-in person's recent searches. Queries follow @veza/validators' parseSearch (words match the start of a word, ignoring
// case and accents; "phrases" match exactly; OR, NOT and -word); refusals carry the API's messages and reasons.
import type { GroupDto, PersonResultDto, PlaylistResultDto, RecentSearchDto, SuggestionDto, TrackDto, TrackFacetsDto } from '@veza/api';
import {
  BPM_BUCKETS,
  DURATION_BUCKETS,
  parseSearch,
  searchPageInput,
  searchSuggestInput,
  searchTracksInput,
  UPLOADED_WITHIN,
  type ParsedSearch,
  type SearchClause,
} from '@veza/validators';
import { delay, type RequestHandler } from 'msw';
import { state as chatState } from './chat-mock-state.ts';
import { db, seesProfile, viewer, withViewer } from './db.ts';
import { MOCK_GROUP_REFS, searchableMockGroups } from './groups-handlers.ts';
import type { MockUser } from './fixtures.ts';
import { visibleMockPlaylists } from './playlists-handlers.ts';
import { MockTrpcError, trpcMsw, type FieldErrors } from './trpc-msw.ts';

const DAY_MS = 86_400_000;
const UPLOADED_MS = { day: DAY_MS, week: 7 * DAY_MS, month: 30 * DAY_MS, year: 365 * DAY_MS } as const;
const HISTORY_MAX = 20;

const refusal = (message: string, reason: string, fieldErrors: FieldErrors | null = null) => Object.assign(new MockTrpcError('BAD_REQUEST', message, fieldErrors), { reason });
const emptyQuery = () => refusal('Type a word to search for (at least 2 letters), or choose a filter.', 'empty_query', { q: ['Type a word to search for.'] });

/** The input as the API parses it, or BAD_REQUEST with the schema's first message (too long, too many words…). */
function parsed<T>(result: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }): T {
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'input');
    fieldErrors[field] = [...(fieldErrors[field] ?? []), issue.message];
  }
  throw new MockTrpcError('BAD_REQUEST', result.error.issues[0]?.message ?? 'Invalid input.', fieldErrors);
}

/** Lower case, accents off, split at anything that is not a letter or a digit. */
const words = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
const fold = (part: string) => words(part).join(' ');

function clauseMatches(clause: SearchClause, haystack: string[]): boolean {
  const parts = clause.parts.map(fold);
  const found = haystack.some((_, i) =>
    parts.every((part, j) => {
      const word = haystack[i + j];
      if (word === undefined) return false;
      // A word's last part matches as a prefix; a phrase's parts exactly.
      return clause.kind === 'word' && j === parts.length - 1 ? word.startsWith(part) : word === part;
    }),
  );
  return clause.negated ? !found : found;
}

/** Whether `text` matches the query: any of its groups, every clause of the group. */
const matches = (query: ParsedSearch, text: string) => {
  const haystack = words(text);
  return query.groups.some((group) => group.every((clause) => clauseMatches(clause, haystack)));
};

/** How well `text` matches (for "best first"): titles starting with the query's first word first. */
const relevance = (query: ParsedSearch, title: string) => {
  const first = query.groups[0]?.find((c) => !c.negated)?.parts[0];
  const titleWords = words(title);
  return (first && titleWords[0]?.startsWith(fold(first)) ? 2 : 0) + (first && titleWords.some((w) => w.startsWith(fold(first))) ? 1 : 0);
};

const blocked = (userId: string) => {
  const me = viewer()?.id;
  return Boolean(me) && chatState().blocks.some((b) => (b.by === me && b.of === userId) || (b.by === userId && b.of === me));
};

/** Ready tracks: mine whatever their visibility, others' public ones of a profile I see, nobody's in a block with me. */
const findableTracks = () => {
  const me = viewer()?.id;
  return db.tracks.filter(
    (t) => t.status === 'ready' && !blocked(t.owner.id) && (t.owner.id === me || (t.visibility === 'public' && seesProfile({ id: t.owner.id }))),
  );
};
const trackText = (t: TrackDto) => [t.title, t.owner.username, t.owner.displayName ?? '', ...t.tags].join(' \u0000 ');
const findablePeople = () => db.users.filter((u) => !blocked(u.id));
const personText = (u: MockUser) => `${u.username} ${u.displayName ?? ''}`;

const summary = (u: MockUser) => ({ id: u.id, username: u.username, displayName: u.displayName });
const ownerOf = (id: string) => db.users.find((u) => u.id === id);

/** Ids of groups of the groups mock's seed (groups-handlers.ts MOCK_GROUP_REFS), which search finds like any other. */
export const MOCK_GROUPS = {
  lofi: MOCK_GROUP_REFS.lofi.id,
  synth: MOCK_GROUP_REFS.synth.id,
  vault: MOCK_GROUP_REFS.vault.id,
} as const;
/** The groups mock's own store (created, renamed and deleted groups follow), as the API's search finds them. */
const groups = (): GroupDto[] => searchableMockGroups();
const groupText = (g: GroupDto) => `${g.name} ${g.slug} ${g.description ?? ''}`;

const findablePlaylists = () => visibleMockPlaylists().filter((p) => !blocked(p.ownerId));

/** Lists carry neither the waveform nor the lyrics (like the API). */
const listItem = (t: TrackDto): TrackDto => ({ ...withViewer(t), waveform: null, lyrics: null });

/** A page of `rows` from the cursor (the index of the next row, written in base 36). */
function page<T>(rows: T[], cursor: string | null | undefined, limit: number) {
  const start = cursor ? Number.parseInt(cursor, 36) : 0;
  if (!Number.isInteger(start) || start < 0) throw refusal('This page link is no longer valid. Start again from the first page.', 'bad_cursor', { cursor: ['Start again from the first page.'] });
  const end = start + limit;
  return { rows: rows.slice(start, end), nextCursor: end < rows.length ? end.toString(36) : null };
}

/** Recent searches per person; a reset mock db (a new `db.users`) starts a fresh store, seeded for Ana. */
const histories = new WeakMap<MockUser[], Map<string, RecentSearchDto[]>>();
function historyOf(userId: string): RecentSearchDto[] {
  let store = histories.get(db.users);
  if (!store) {
    store = new Map();
    const ana = db.users.find((u) => u.username === 'ana');
    if (ana) {
      store.set(ana.id, [
        { id: '5e000000-0000-4000-8000-000000000001', query: 'lo-fi night', searchedAt: '2026-12-06T21:10:00.000Z' },
        { id: '5e000000-0000-4000-8000-000000000002', query: '"field recording"', searchedAt: '2026-12-05T08:30:00.000Z' },
        { id: '5e000000-0000-4000-8000-000000000003', query: 'synthwave -demo', searchedAt: '2026-12-01T17:45:00.000Z' },
      ]);
    }
    histories.set(db.users, store);
  }
  let list = store.get(userId);
  if (!list) {
    list = [];
    store.set(userId, list);
  }
  return list;
}

/** A first results page, signed in: the query goes to the top of my history. */
function record(query: ParsedSearch) {
  const me = viewer();
  if (!me) return;
  const list = historyOf(me.id);
  const kept = list.filter((r) => r.query.toLowerCase() !== query.normalized.toLowerCase());
  kept.unshift({ id: crypto.randomUUID(), query: query.normalized, searchedAt: new Date().toISOString() });
  list.splice(0, list.length, ...kept.slice(0, HISTORY_MAX));
}

const requireViewer = () => {
  const me = viewer();
  if (!me) throw new MockTrpcError('UNAUTHORIZED', 'Please sign in to continue.');
  return me;
};

const withWords = (q: string): ParsedSearch | null => {
  const query = parseSearch(q);
  return query.groups.length > 0 ? query : null;
};

interface TrackFilters {
  genres?: string[] | undefined;
  keys?: string[] | undefined;
  tags?: string[] | undefined;
  bpmMin?: number | undefined;
  bpmMax?: number | undefined;
  durationMin?: number | undefined;
  durationMax?: number | undefined;
  uploadedWithin?: keyof typeof UPLOADED_MS | undefined;
}

const inRange = (value: number | null, min: number | null | undefined, max: number | null | undefined) =>
  value !== null && (min === null || min === undefined || value >= min) && (max === null || max === undefined || value < max);

function passes(t: TrackDto, f: TrackFilters, now: number): boolean {
  if (f.genres?.length && !(t.genre && f.genres.includes(t.genre))) return false;
  if (f.keys?.length && !(t.musicalKey && f.keys.includes(t.musicalKey))) return false;
  if (f.tags?.length && !f.tags.every((tag) => t.tags.includes(tag))) return false;
  if ((f.bpmMin !== undefined || f.bpmMax !== undefined) && !inRange(t.bpm, f.bpmMin, f.bpmMax)) return false;
  if ((f.durationMin !== undefined || f.durationMax !== undefined) && !inRange(t.durationMs === null ? null : t.durationMs / 1000, f.durationMin, f.durationMax)) return false;
  if (f.uploadedWithin && Date.parse(t.createdAt) < now - UPLOADED_MS[f.uploadedWithin]) return false;
  return true;
}

function countBy(values: (string | null)[]) {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** The facet counts of `matched` (the matches under every current filter), as the API lists them. */
function facetsOf(matched: TrackDto[], now: number): TrackFacetsDto {
  const buckets = (of: (t: TrackDto) => number | null, list: readonly { id: string; min: number | null; max: number | null }[]) =>
    list.map((b) => ({ value: b.id, count: matched.filter((t) => inRange(of(t), b.min, b.max)).length }));
  return {
    total: matched.length,
    capped: false,
    genres: countBy(matched.map((t) => t.genre)),
    keys: countBy(matched.map((t) => t.musicalKey)),
    tags: countBy(matched.flatMap((t) => t.tags)).slice(0, 20),
    bpm: buckets((t) => t.bpm, BPM_BUCKETS),
    duration: buckets((t) => (t.durationMs === null ? null : t.durationMs / 1000), DURATION_BUCKETS),
    uploaded: UPLOADED_WITHIN.map((w) => ({ value: w, count: matched.filter((t) => Date.parse(t.createdAt) >= now - UPLOADED_MS[w]).length })),
  };
}

export const searchHandlers: RequestHandler[] = [
  trpcMsw.search.suggest.query(async ({ input }) => {
    await delay();
    const { q, limit } = parsed(searchSuggestInput.safeParse(input));
    const query = withWords(q);
    const me = viewer();
    if (!query) return { items: [], recent: me && q === '' ? [...historyOf(me.id)] : [] };
    const perKind = Math.max(2, Math.ceil(limit / 2));
    const byScore = <T>(rows: T[], title: (row: T) => string) => rows.filter((r) => matches(query, title(r))).sort((a, b) => relevance(query, title(b)) - relevance(query, title(a)));
    const tracks = byScore(findableTracks(), trackText).map(
      (t): SuggestionDto => ({ kind: 'track', id: t.id, title: t.title, owner: { ...t.owner }, coverUrl: t.coverUrl }),
    );
    const people = byScore(findablePeople(), personText).map(
      (u): SuggestionDto => ({ kind: 'user', id: u.id, username: u.username, displayName: u.displayName, avatarUrl: u.avatarUrl, isPrivate: u.isPrivate }),
    );
    const lists = byScore(findablePlaylists(), (p) => `${p.title} ${p.description ?? ''}`).flatMap((p): SuggestionDto[] => {
      const owner = ownerOf(p.ownerId);
      return owner ? [{ kind: 'playlist', id: p.id, title: p.title, owner: summary(owner), coverUrl: p.coverUrl ?? null }] : [];
    });
    const clubs = byScore(groups(), groupText).map(
      (g): SuggestionDto => ({ kind: 'group', id: g.id, slug: g.slug, name: g.name, avatarUrl: g.avatarUrl, memberCount: g.memberCount, isPublic: g.isPublic }),
    );
    const kinds = [tracks, people, lists, clubs];
    const items = kinds.flatMap((rows) => rows.slice(0, perKind));
    const rest = kinds.flatMap((rows) => rows.slice(perKind));
    return { items: [...items, ...rest].slice(0, limit), recent: [] };
  }),
  trpcMsw.search.tracks.query(async ({ input }) => {
    await delay();
    const i = parsed(searchTracksInput.safeParse(input));
    const query = withWords(i.q);
    const filters: TrackFilters = i;
    const filtered = [i.genres, i.keys, i.tags].some((v) => v && v.length > 0) || [i.bpmMin, i.bpmMax, i.durationMin, i.durationMax, i.uploadedWithin].some((v) => v !== undefined);
    if (!query && !filtered) throw emptyQuery();
    const now = Date.now();
    const matched = findableTracks().filter((t) => (!query || matches(query, trackText(t))) && passes(t, filters, now));
    const sort = query || i.sort !== 'relevance' ? i.sort : 'newest';
    const sorted = [...matched].sort((a, b) =>
      sort === 'newest'
        ? b.createdAt.localeCompare(a.createdAt)
        : sort === 'plays'
          ? b.playCount - a.playCount
          : relevance(query as ParsedSearch, b.title) - relevance(query as ParsedSearch, a.title) || b.likeCount - a.likeCount,
    );
    const { rows, nextCursor } = page(sorted, i.cursor, i.limit);
    if (!i.cursor && query) record(query);
    return { items: rows.map(listItem), nextCursor, facets: i.cursor ? null : facetsOf(matched, now) };
  }),
  trpcMsw.search.people.query(async ({ input }) => {
    await delay();
    const i = parsed(searchPageInput.safeParse(input));
    const query = withWords(i.q);
    if (!query) throw emptyQuery();
    const found = findablePeople()
      .filter((u) => matches(query, personText(u)))
      .sort((a, b) => relevance(query, personText(b)) - relevance(query, personText(a)));
    const { rows, nextCursor } = page(found, i.cursor, i.limit);
    if (!i.cursor) record(query);
    return { items: rows.map((u): PersonResultDto => ({ user: summary(u), avatarUrl: u.avatarUrl, isPrivate: u.isPrivate })), nextCursor };
  }),
  trpcMsw.search.playlists.query(async ({ input }) => {
    await delay();
    const i = parsed(searchPageInput.safeParse(input));
    const query = withWords(i.q);
    if (!query) throw emptyQuery();
    const found = findablePlaylists()
      .filter((p) => matches(query, `${p.title} ${p.description ?? ''}`))
      .sort((a, b) => relevance(query, b.title) - relevance(query, a.title));
    const { rows, nextCursor } = page(found, i.cursor, i.limit);
    if (!i.cursor) record(query);
    return {
      items: rows.flatMap((p): PlaylistResultDto[] => {
        const owner = ownerOf(p.ownerId);
        return owner
          ? [{ id: p.id, title: p.title, description: p.description, isPublic: p.isPublic, owner: summary(owner), coverUrl: p.coverUrl ?? null, likeCount: p.likes.size, createdAt: p.createdAt }]
          : [];
      }),
      nextCursor,
    };
  }),
  trpcMsw.search.groups.query(async ({ input }) => {
    await delay();
    const i = parsed(searchPageInput.safeParse(input));
    const query = withWords(i.q);
    if (!query) throw emptyQuery();
    const found = groups()
      .filter((g) => matches(query, groupText(g)))
      .sort((a, b) => relevance(query, b.name) - relevance(query, a.name));
    const { rows, nextCursor } = page(found, i.cursor, i.limit);
    if (!i.cursor) record(query);
    return { items: rows, nextCursor };
  }),
  trpcMsw.search.history.list.query(async () => {
    await delay();
    return [...historyOf(requireViewer().id)];
  }),
  trpcMsw.search.history.remove.mutation(async ({ input }) => {
    await delay();
    const list = historyOf(requireViewer().id);
    const at = list.findIndex((r) => r.id === input.id);
    if (at === -1) throw Object.assign(new MockTrpcError('NOT_FOUND', 'That search is not in your history (any more).'), { reason: 'not_found' });
    list.splice(at, 1);
    return { id: input.id, removed: true as const };
  }),
  trpcMsw.search.history.clear.mutation(async () => {
    await delay();
    const list = historyOf(requireViewer().id);
    const removed = list.length;
    list.splice(0);
    return { removed };
  }),
];

/** Story and test hooks. */
export const searchMock = {
  /** `username`'s recent searches become these queries (newest first). */
  setHistory(username: string, queries: string[]) {
    const user = db.users.find((u) => u.username === username);
    if (!user) throw new Error(`no mock user ${username}`);
    const list = historyOf(user.id);
    list.splice(0, list.length, ...queries.map((query, n) => ({ id: `5e000000-0000-4000-8000-${String(100 + n).padStart(12, '0')}`, query, searchedAt: new Date(Date.parse('2026-12-06T12:00:00.000Z') - n * 3_600_000).toISOString() })));
  },
};
