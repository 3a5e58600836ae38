// Playlists of the mock back end (issue 11; the API's playlists/playlists.service.ts): create, edit, delete, add /
// remove / move tracks (the order is the list's own: a move puts a track right after another), collaborators (invited,
// then active), likes and reposts, with the API's refusals and reasons. msw-trpc answers no subscriptions: every change
// is published to `playlistsMock.onChange` listeners instead (the web's MockPlaylistFeed passes them to the screen, as
// `playlists.onChange` would). The store follows the mock database (a fresh one on `resetMockDb()`).
import type { EditablePlaylistDto, PlaylistChangeEvent, PlaylistDetailDto, PlaylistDto, PlaylistRole, TrackDto, UserSummaryDto } from '@veza/api';
import { delay, http, HttpResponse, type RequestHandler } from 'msw';
import { db, findVisibleTrack, seesProfile, viewer, withViewer } from './db.ts';
import type { MockUser } from './fixtures.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

/** As @veza/validators PLAYLIST_TRACKS_MAX and PLAYLIST_COLLABORATORS_MAX. */
const TRACKS_MAX = 500;
const COLLABORATORS_MAX = 20;

export interface MockPlaylist {
  id: string;
  ownerId: string;
  title: string;
  description: string | null;
  isPublic: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
  items: { trackId: string; addedById: string | null; addedAt: string }[];
  collaborators: { userId: string; status: 'invited' | 'active' }[];
  likes: Set<string>;
  reposts: Set<string>;
  /** The owner's own cover (a data URL), if set. */
  coverUrl?: string | null;
}

/** The seeded playlists' ids, for stories and tests. */
export const MOCK_PLAYLISTS = {
  /** Ana's, public, collaborative: Marc edits it with her, Léa is invited. */
  lateNight: '7a000000-0000-4000-8000-000000000001',
  /** Ana's, private. */
  sketches: '7a000000-0000-4000-8000-000000000002',
  /** Marc's, public. */
  paris: '7a000000-0000-4000-8000-000000000003',
  /** Léa's, public and empty. */
  empty: '7a000000-0000-4000-8000-000000000004',
} as const;

const DAY = 86_400_000;
const named = (users: MockUser[], username: string) => users.find((u) => u.username === username);
const trackId = (title: string) => db.tracks.find((t) => t.title === title)?.id ?? '';

function seed(users: MockUser[]): MockPlaylist[] {
  const [ana, marc, lea] = [named(users, 'ana'), named(users, 'marc.dubois'), named(users, 'lea_m')];
  if (!ana || !marc || !lea) return [];
  const at = (days: number) => new Date(Date.parse('2026-12-06T12:00:00.000Z') - days * DAY).toISOString();
  const items = (by: MockUser, titles: string[]) => titles.map((title, n) => ({ trackId: trackId(title), addedById: by.id, addedAt: at(10 - n) }));
  const base = { likes: new Set<string>(), reposts: new Set<string>(), collaborators: [] as MockPlaylist['collaborators'] };
  return [
    {
      ...base,
      id: MOCK_PLAYLISTS.lateNight,
      ownerId: ana.id,
      title: 'Late night drives',
      description: 'For the empty roads after midnight.',
      isPublic: true,
      createdAt: at(12),
      updatedAt: at(1),
      version: 7,
      items: [...items(ana, ['Night Drive', 'Rue des Martyrs']), ...items(marc, ['Lumière froide', 'Le dernier métro'])],
      collaborators: [
        { userId: marc.id, status: 'active' },
        { userId: lea.id, status: 'invited' },
      ],
      likes: new Set([marc.id]),
    },
    { ...base, id: MOCK_PLAYLISTS.sketches, ownerId: ana.id, title: 'Sketches', description: null, isPublic: false, createdAt: at(5), updatedAt: at(5), version: 2, items: items(ana, ['Demo — unfinished']) },
    { ...base, id: MOCK_PLAYLISTS.paris, ownerId: marc.id, title: 'Paris la nuit', description: 'Trois morceaux pour rentrer à pied.', isPublic: true, createdAt: at(8), updatedAt: at(8), version: 3, items: items(marc, ['Lumière froide', 'Le dernier métro', 'Rue des Martyrs']) },
    { ...base, id: MOCK_PLAYLISTS.empty, ownerId: lea.id, title: 'Sunday mornings', description: null, isPublic: true, createdAt: at(2), updatedAt: at(2), version: 1, items: [] },
  ];
}

// Like the comments': `resetMockDb()` replaces `db.users`, which starts a fresh store.
const states = new WeakMap<MockUser[], MockPlaylist[]>();
function playlists(): MockPlaylist[] {
  let s = states.get(db.users);
  if (!s) {
    s = seed(db.users);
    states.set(db.users, s);
  }
  return s;
}

/** A seeded or created playlist by id (the groups mock shows playlists posted to a group). */
export const findMockPlaylist = (id: string): MockPlaylist | undefined => playlists().find((p) => p.id === id);

type Listener = (event: PlaylistChangeEvent) => void;
const listeners = new Set<Listener>();

const summary = (u: MockUser): UserSummaryDto => ({ id: u.id, username: u.username, displayName: u.displayName });
const userById = (id: string) => db.users.find((u) => u.id === id);
const refusal = (code: MockTrpcError['code'], message: string, reason: string) => Object.assign(new MockTrpcError(code, message), { reason });
const notFound = () => new MockTrpcError('NOT_FOUND', 'Playlist not found.');

function requireViewer() {
  const user = viewer();
  if (!user) throw new MockTrpcError('UNAUTHORIZED', 'Please sign in to continue.');
  return user;
}

function roleOf(p: MockPlaylist, userId: string | undefined): PlaylistRole {
  if (!userId) return null;
  if (p.ownerId === userId) return 'owner';
  const row = p.collaborators.find((c) => c.userId === userId);
  return row ? (row.status === 'active' ? 'collaborator' : 'invited') : null;
}

/** The playlist and the viewer's role, when the viewer may see it; NOT_FOUND otherwise (as the API's `visible`). */
function visible(id: string) {
  const p = playlists().find((x) => x.id === id);
  if (!p) throw notFound();
  const role = roleOf(p, viewer()?.id);
  if (role === null && !(p.isPublic && seesProfile({ id: p.ownerId }))) throw notFound();
  return { p, role };
}

function editable(id: string) {
  const seen = visible(id);
  if (seen.role !== 'owner' && seen.role !== 'collaborator') throw refusal('FORBIDDEN', 'Only the owner and the collaborators of this playlist can change its tracks.', 'not_collaborator');
  return seen;
}

function owned(id: string) {
  const seen = visible(id);
  if (seen.role !== 'owner') throw refusal('FORBIDDEN', 'Only the owner of this playlist can do that.', 'not_owner');
  return seen;
}

/** Bumps the version and tells the listeners, as the API publishes on the playlist's channel. */
function changed(p: MockPlaylist, change: PlaylistChangeEvent['change'], byUserId: string) {
  p.version += 1;
  p.updatedAt = new Date().toISOString();
  const event: PlaylistChangeEvent = { id: p.id, version: p.version, change, byUserId };
  for (const listener of listeners) listener(event);
}

const shownTracks = (p: MockPlaylist) =>
  p.items.flatMap((item) => {
    const track = findVisibleTrack(item.trackId);
    return track ? [{ item, track }] : [];
  });
const listTrack = (t: TrackDto): TrackDto => ({ ...withViewer(t), waveform: null, lyrics: null });

/** The playlists the viewer may see: their own and public ones of a profile they see (the search mock's, search-handlers.ts). */
export const visibleMockPlaylists = () => playlists().filter((p) => roleOf(p, viewer()?.id) === 'owner' || (p.isPublic && seesProfile({ id: p.ownerId })));

function toDto(p: MockPlaylist, role = roleOf(p, viewer()?.id)): PlaylistDto {
  const owner = userById(p.ownerId);
  const shown = shownTracks(p);
  const me = viewer()?.id ?? '';
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    isPublic: p.isPublic,
    owner: owner ? summary(owner) : { id: p.ownerId, username: 'unknown', displayName: null },
    coverUrl: p.coverUrl ?? null,
    artworkUrls: shown.flatMap(({ track }) => (track.coverUrl ? [track.coverUrl] : [])).slice(0, 4),
    trackCount: shown.length,
    durationMs: shown.reduce((sum, { track }) => sum + (track.durationMs ?? 0), 0),
    likeCount: p.likes.size,
    repostCount: p.reposts.size,
    likedByMe: p.likes.has(me),
    repostedByMe: p.reposts.has(me),
    myRole: role,
    canEdit: role === 'owner' || role === 'collaborator',
    version: p.version,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

function toDetail(p: MockPlaylist): PlaylistDetailDto {
  const me = viewer()?.id;
  const role = roleOf(p, me);
  return {
    ...toDto(p, role),
    items: shownTracks(p).map(({ item, track }) => {
      const by = item.addedById ? userById(item.addedById) : undefined;
      return { track: listTrack(track), addedBy: by ? summary(by) : null, addedAt: item.addedAt };
    }),
    collaborators: p.collaborators
      .filter((c) => c.status === 'active' || role === 'owner' || c.userId === me)
      .flatMap((c) => {
        const user = userById(c.userId);
        return user ? [{ user: summary(user), status: c.status }] : [];
      }),
  };
}

/** A track the viewer may put in a playlist: one they see, ready, their own or public (as the API's `checkAddable`). */
function checkAddable(me: MockUser, trackIds: string[]) {
  for (const id of trackIds) {
    const track = findVisibleTrack(id);
    const fine = track && track.status === 'ready' && (track.owner.id === me.id || track.visibility === 'public');
    if (!fine) {
      throw refusal(
        'BAD_REQUEST',
        track && track.status !== 'ready' ? `"${track.title}" is still being processed: add it once it is ready.` : 'One of these tracks cannot be added: it is not public, or it does not exist.',
        'track_unavailable',
      );
    }
  }
}

function add(p: MockPlaylist, trackIds: string[], by: MockUser, where: 'end' | 'start') {
  const fresh = [...new Set(trackIds)].filter((id) => !p.items.some((i) => i.trackId === id));
  if (p.items.length + fresh.length > TRACKS_MAX) throw refusal('BAD_REQUEST', `A playlist holds at most ${TRACKS_MAX} tracks.`, 'playlist_full');
  const rows = fresh.map((trackId) => ({ trackId, addedById: by.id, addedAt: new Date().toISOString() }));
  p.items = where === 'start' ? [...rows, ...p.items] : [...p.items, ...rows];
  return rows.length;
}

function move(p: MockPlaylist, trackId: string, afterTrackId: string | null) {
  const from = p.items.findIndex((i) => i.trackId === trackId);
  const notIn = () => refusal('BAD_REQUEST', 'That track is not in this playlist (any more): refresh and try again.', 'not_in_playlist');
  if (from < 0 || afterTrackId === trackId) throw notIn();
  const [moved] = p.items.splice(from, 1);
  const after = afterTrackId === null ? -1 : p.items.findIndex((i) => i.trackId === afterTrackId);
  if (afterTrackId !== null && after < 0) {
    p.items.splice(from, 0, moved!);
    throw notIn();
  }
  p.items.splice(after + 1, 0, moved!);
}

const someone = (username: string) => {
  const user = db.users.find((u) => u.username === username.trim().toLowerCase());
  if (!user) throw new MockTrpcError('NOT_FOUND', 'User not found.');
  return user;
};

const byNewest = (a: MockPlaylist, b: MockPlaylist) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

/** The cover routes (plain HTTP, as the server's): the owner sends an image or removes it. */
const coverHandlers: RequestHandler[] = [
  http.post('*/api/playlists/:id/cover', async ({ params, request }) => {
    await delay();
    try {
      requireViewer();
      const { p } = owned(String(params.id));
      const file = (await request.formData()).get('file');
      if (!(file instanceof File) || !['image/jpeg', 'image/png', 'image/webp'].includes(file.type)) {
        return HttpResponse.json({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Covers must be JPEG, PNG or WebP images.' } }, { status: 415 });
      }
      p.coverUrl = URL.createObjectURL(file);
      changed(p, 'settings', viewer()?.id ?? '');
      return HttpResponse.json({ coverUrl: p.coverUrl });
    } catch (error) {
      return coverRefusal(error);
    }
  }),
  http.delete('*/api/playlists/:id/cover', async ({ params }) => {
    await delay();
    try {
      requireViewer();
      const { p } = owned(String(params.id));
      p.coverUrl = null;
      changed(p, 'settings', viewer()?.id ?? '');
      return new HttpResponse(null, { status: 204 });
    } catch (error) {
      return coverRefusal(error);
    }
  }),
];

function coverRefusal(error: unknown) {
  if (!(error instanceof MockTrpcError)) throw error;
  const status = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404 }[error.code as 'UNAUTHORIZED'] ?? 400;
  return HttpResponse.json({ error: { code: error.code, message: error.message } }, { status });
}

export const playlistsHandlers: RequestHandler[] = [
  ...coverHandlers,
  trpcMsw.playlists.create.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    if (!input.title.trim()) throw new MockTrpcError('BAD_REQUEST', 'Give the playlist a title.', { title: ['Give the playlist a title.'] });
    if (input.trackIds) checkAddable(me, input.trackIds);
    const now = new Date().toISOString();
    const p: MockPlaylist = {
      id: crypto.randomUUID(),
      ownerId: me.id,
      title: input.title.trim(),
      description: input.description?.trim() || null,
      isPublic: input.isPublic ?? true,
      createdAt: now,
      updatedAt: now,
      version: 1,
      items: [],
      collaborators: [],
      likes: new Set(),
      reposts: new Set(),
    };
    if (input.trackIds) add(p, input.trackIds, me, 'end');
    playlists().push(p);
    return toDetail(p);
  }),
  trpcMsw.playlists.byId.query(async ({ input }) => {
    await delay();
    return toDetail(visible(input.id).p);
  }),
  trpcMsw.playlists.update.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { p } = owned(input.id);
    if (input.title !== undefined && !input.title.trim()) throw new MockTrpcError('BAD_REQUEST', 'Give the playlist a title.', { title: ['Give the playlist a title.'] });
    if (input.title !== undefined) p.title = input.title.trim();
    if (input.description !== undefined) p.description = input.description?.trim() || null;
    if (input.isPublic !== undefined) p.isPublic = input.isPublic;
    changed(p, 'settings', me.id);
    return toDto(p, 'owner');
  }),
  trpcMsw.playlists.delete.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { p } = owned(input.id);
    playlists().splice(playlists().indexOf(p), 1);
    changed(p, 'deleted', me.id);
    return { id: p.id, deleted: true as const };
  }),
  trpcMsw.playlists.addTracks.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { p } = editable(input.id);
    checkAddable(me, input.trackIds);
    const added = add(p, input.trackIds, me, input.where ?? 'end');
    changed(p, 'tracks', me.id);
    return { id: p.id, version: p.version, added };
  }),
  trpcMsw.playlists.removeTrack.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { p } = editable(input.id);
    p.items = p.items.filter((i) => i.trackId !== input.trackId);
    changed(p, 'tracks', me.id);
    return { id: p.id, version: p.version };
  }),
  trpcMsw.playlists.moveTrack.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { p } = editable(input.id);
    move(p, input.trackId, input.afterTrackId);
    changed(p, 'tracks', me.id);
    return { id: p.id, version: p.version };
  }),
  trpcMsw.playlists.ofUser.query(async ({ input }) => {
    await delay();
    const user = someone(input.username);
    if (!seesProfile(user)) throw refusal('FORBIDDEN', `@${user.username}'s account is private: follow them to see their lists.`, 'private_profile');
    const own = viewer()?.id === user.id;
    const all = playlists().filter((p) => p.ownerId === user.id && (own || p.isPublic)).sort(byNewest);
    const start = Number(input.cursor ?? 0) || 0;
    const limit = input.limit ?? 24;
    const next = start + limit;
    return { items: all.slice(start, next).map((p) => toDto(p)), nextCursor: next < all.length ? String(next) : null };
  }),
  trpcMsw.playlists.editable.query(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const mine = playlists()
      .filter((p) => { const role = roleOf(p, me.id); return role === 'owner' || role === 'collaborator'; })
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    const containing = input?.containing ?? null;
    return mine.map((p): EditablePlaylistDto => ({ ...toDto(p), contains: containing !== null && p.items.some((i) => i.trackId === containing) }));
  }),
  trpcMsw.playlists.invite.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { p } = owned(input.id);
    const person = someone(input.username);
    if (person.id === me.id) throw refusal('BAD_REQUEST', 'You already own this playlist.', 'self');
    if (!p.collaborators.some((c) => c.userId === person.id)) {
      if (p.collaborators.length >= COLLABORATORS_MAX) throw refusal('BAD_REQUEST', `A playlist has at most ${COLLABORATORS_MAX} collaborators.`, 'too_many_collaborators');
      p.collaborators.push({ userId: person.id, status: 'invited' });
      changed(p, 'collaborators', me.id);
    }
    return toDetail(p);
  }),
  trpcMsw.playlists.acceptInvite.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { p, role } = visible(input.id);
    const row = p.collaborators.find((c) => c.userId === me.id);
    if (role === 'invited' && row) {
      row.status = 'active';
      changed(p, 'collaborators', me.id);
    } else if (role !== 'owner' && role !== 'collaborator') {
      throw refusal('NOT_FOUND', 'There is no invitation to this playlist for you.', 'no_invitation');
    }
    return toDetail(p);
  }),
  trpcMsw.playlists.leave.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const p = playlists().find((x) => x.id === input.id);
    if (!p) throw notFound();
    if (p.ownerId === me.id) throw refusal('BAD_REQUEST', 'You own this playlist: delete it instead.', 'owner');
    const before = p.collaborators.length;
    p.collaborators = p.collaborators.filter((c) => c.userId !== me.id);
    const left = p.collaborators.length < before;
    if (left) changed(p, 'collaborators', me.id);
    return { id: p.id, left };
  }),
  trpcMsw.playlists.removeCollaborator.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { p } = owned(input.id);
    const person = someone(input.username);
    const before = p.collaborators.length;
    p.collaborators = p.collaborators.filter((c) => c.userId !== person.id);
    if (p.collaborators.length < before) changed(p, 'collaborators', me.id);
    return toDetail(p);
  }),
  ...(['like', 'unlike', 'repost', 'unrepost'] as const).map((name) =>
    trpcMsw.playlists[name].mutation(async ({ input }) => {
      await delay();
      const me = requireViewer();
      const on = name === 'like' || name === 'repost';
      const kind = name.endsWith('like') ? 'likes' : 'reposts';
      const p = playlists().find((x) => x.id === input.id);
      if (!p) throw notFound();
      if (on) {
        visible(input.id);
        if (kind === 'reposts' && p.ownerId === me.id) throw refusal('BAD_REQUEST', 'You cannot repost your own playlist.', 'own_playlist');
        if (kind === 'reposts' && (!p.isPublic || userById(p.ownerId)?.isPrivate)) throw refusal('BAD_REQUEST', 'Only public playlists can be reposted.', 'not_public');
      }
      if (on) p[kind].add(me.id);
      else p[kind].delete(me.id);
      return { id: p.id, likedByMe: p.likes.has(me.id), repostedByMe: p.reposts.has(me.id), likeCount: p.likes.size, repostCount: p.reposts.size };
    }),
  ),
];

const playlistOf = (id: string) => {
  const p = playlists().find((x) => x.id === id);
  if (!p) throw new Error(`no mock playlist ${id}`);
  return p;
};
const userNamed = (username: string) => {
  const user = db.users.find((u) => u.username === username);
  if (!user) throw new Error(`no mock user ${username}`);
  return user;
};

/** Story and test hooks: what others do to a playlist while the screen is open, and many playlists for paging. */
export const playlistsMock = {
  /** Listens to every change (as `playlists.onChange` would stream them); returns the unsubscribe function. */
  onChange(listener: Listener) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  /** `username` moves a track right after another (null: first), elsewhere. */
  moveAs(username: string, id: string, trackId: string, afterTrackId: string | null) {
    const p = playlistOf(id);
    move(p, trackId, afterTrackId);
    changed(p, 'tracks', userNamed(username).id);
  },
  /** `username` adds a track at the end, elsewhere. */
  addAs(username: string, id: string, trackId: string) {
    const p = playlistOf(id);
    add(p, [trackId], userNamed(username), 'end');
    changed(p, 'tracks', userNamed(username).id);
  },
  /** The owner deletes it, elsewhere. */
  deleteElsewhere(id: string) {
    const p = playlistOf(id);
    playlists().splice(playlists().indexOf(p), 1);
    changed(p, 'deleted', p.ownerId);
  },
  /** `count` more public playlists of `username`, one a day older than the other (for paging). */
  many(username: string, count: number) {
    const owner = userNamed(username);
    for (let n = 1; n <= count; n++) {
      const at = new Date(Date.parse('2026-11-01T12:00:00.000Z') - n * DAY).toISOString();
      playlists().push({
        id: `7b000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        ownerId: owner.id,
        title: `Mix number ${n}`,
        description: null,
        isPublic: true,
        createdAt: at,
        updatedAt: at,
        version: 1,
        items: [{ trackId: trackId('Night Drive'), addedById: owner.id, addedAt: at }],
        collaborators: [],
        likes: new Set(),
        reposts: new Set(),
      });
    }
  },
  /** The playlist as the mock holds it (ids of its tracks in order). */
  trackIds: (id: string) => playlistOf(id).items.map((i) => i.trackId),
};

/** Handlers for UI states of playlists (put them before the defaults, like `states`). */
export const playlistStates = {
  /** `playlists.editable`: I have no playlist to add to. */
  noneEditable: (): RequestHandler => trpcMsw.playlists.editable.query(() => []),
  /** `playlists.ofUser`: no playlists. */
  noPlaylists: (): RequestHandler => trpcMsw.playlists.ofUser.query(() => ({ items: [], nextCursor: null })),
};
