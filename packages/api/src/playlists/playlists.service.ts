// Playlists (issue 11): an owner's ordered list of tracks, public or private, that the owner may open to collaborators.
//
// - Who sees a playlist: its owner, its collaborators (invited ones too, to decide), and, when it is public, whoever
//   sees the owner's profile (audience.ts). Anyone else gets NOT_FOUND, as for a private track.
// - Who sees a track in it: the same rule as everywhere (a private track shows to its owner only; a private
//   profile's tracks to its approved followers). Counts and duration are of what the reader sees.
// - Who edits: the owner and active collaborators add, remove and reorder tracks; only the owner changes the
//   settings, invites and removes collaborators, and deletes it.
// - Order: a fractional index per track (@veza/db playlists.repository.ts), edits of one playlist taking turns under a
//   row lock: a move writes the moved track only, so concurrent moves of different tracks both hold.
// - Live: every change bumps the playlist's version and is published on its channel; viewers refetch.
import { randomUUID } from 'node:crypto';
import { blocksRepository, Playlist, playlistsRepository, PlaylistEditError, tracksRepository, usersRepository } from '@veza/db';
import { listen } from '@veza/bus';
import {
  addToPlaylistInput,
  createPlaylistInput,
  editablePlaylistsInput,
  movePlaylistTrackInput,
  PLAYLIST_COLLABORATORS_MAX,
  PLAYLIST_TRACKS_MAX,
  updatePlaylistInput,
  userPlaylistsInput,
  type AddToPlaylistInput,
  type CreatePlaylistInput,
  type EditablePlaylistsInput,
  type MovePlaylistTrackInput,
  type UpdatePlaylistInput,
  type UserPlaylistsInput,
} from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError, notFound } from '../errors.ts';
import { playlistInvite } from '../notifications/notifications.service.ts';
import { privateProfile, seesProfile } from '../social/audience.ts';
import { coverUrlOf, dropCover, replaceCover } from '../tracks/cover.service.ts';
import { decodeCursor, encodeCursor } from '../tracks/cursor.ts';
import { toTrackDtos } from '../tracks/tracks.service.ts';
import { someoneNamed } from '../users/users.service.ts';
import { toUserSummary } from '../users/users.dto.ts';
import type {
  EditablePlaylistDto,
  PlaylistChangeEvent,
  PlaylistDetailDto,
  PlaylistDto,
  PlaylistEditDto,
  PlaylistMarkDto,
  PlaylistPageDto,
  PlaylistRole,
} from './playlists.dto.ts';

type Ctx = Pick<Context, 'em' | 'viewer' | 'deps'>;

export const playlistChannel = (id: string) => `playlist:${id}`;

const notOwner = () => new DomainError('FORBIDDEN', 'Only the owner of this playlist can do that.', undefined, 'not_owner');
const notCollaborator = () =>
  new DomainError('FORBIDDEN', 'Only the owner and the collaborators of this playlist can change its tracks.', undefined, 'not_collaborator');

/** The viewer's role: owner, collaborator (active), invited, or none. */
async function roleOf(ctx: Ctx, playlist: Playlist, viewerId: string | null): Promise<PlaylistRole> {
  if (viewerId === null) return null;
  if (playlist.owner.id === viewerId) return 'owner';
  const row = await playlistsRepository(ctx.em).collaborator(playlist.id, viewerId);
  if (!row) return null;
  return row.status === 'active' ? 'collaborator' : 'invited';
}

/** The playlist and the viewer's role in it, when the viewer may see it; NOT_FOUND otherwise. */
async function visible(ctx: Ctx, id: string): Promise<{ playlist: Playlist; role: PlaylistRole }> {
  const playlist = await playlistsRepository(ctx.em).byId(id);
  if (!playlist) throw notFound('Playlist');
  const viewerId = ctx.viewer?.id ?? null;
  const role = await roleOf(ctx, playlist, viewerId);
  if (role === null && !(playlist.isPublic && (await seesProfile(ctx.em, playlist.owner, viewerId)))) throw notFound('Playlist');
  return { playlist, role };
}

async function editable(ctx: Ctx, id: string) {
  const seen = await visible(ctx, id);
  if (seen.role !== 'owner' && seen.role !== 'collaborator') throw notCollaborator();
  return seen;
}

async function owned(ctx: Ctx, id: string) {
  const seen = await visible(ctx, id);
  if (seen.role !== 'owner') throw notOwner();
  return seen;
}

async function publish(ctx: Ctx, viewer: Viewer, id: string, version: number, change: PlaylistChangeEvent['change']) {
  const event: PlaylistChangeEvent = { id, version, change, byUserId: viewer.id };
  await ctx.deps.bus.publish(playlistChannel(id), event);
}

/** DTOs of these playlists as the viewer sees them (roles given for those already known). */
async function toDtos(ctx: Ctx, playlists: Playlist[], roles: Map<string, PlaylistRole> = new Map()): Promise<PlaylistDto[]> {
  const viewerId = ctx.viewer?.id ?? null;
  const ids = playlists.map((p) => p.id);
  const repo = playlistsRepository(ctx.em.fork());
  const [summaries, marks] = await Promise.all([
    repo.summaries(ids, viewerId),
    viewerId ? playlistsRepository(ctx.em.fork()).marksOf(viewerId, ids) : Promise.resolve({ liked: new Set<string>(), reposted: new Set<string>() }),
  ]);
  const artworkIds = [...new Set([...summaries.values()].flatMap((s) => s.firstTrackIds))];
  const cards = new Map((await tracksRepository(ctx.em.fork()).cards(artworkIds)).map((c) => [c.id, c]));
  const out: PlaylistDto[] = [];
  for (const p of playlists) {
    const summary = summaries.get(p.id);
    const role = roles.has(p.id) ? roles.get(p.id)! : await roleOf(ctx, p, viewerId);
    out.push({
      id: p.id,
      title: p.title,
      description: p.description ?? null,
      isPublic: p.isPublic,
      owner: toUserSummary(p.owner),
      coverUrl: playlistCoverUrlOf(p),
      artworkUrls: (summary?.firstTrackIds ?? []).flatMap((id) => {
        const card = cards.get(id);
        const url = card ? coverUrlOf(card) : null;
        return url ? [url] : [];
      }),
      trackCount: summary?.trackCount ?? 0,
      durationMs: summary?.durationMs ?? 0,
      likeCount: p.likeCount,
      repostCount: p.repostCount,
      likedByMe: marks.liked.has(p.id),
      repostedByMe: marks.reposted.has(p.id),
      myRole: role,
      canEdit: role === 'owner' || role === 'collaborator',
      version: p.version,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    });
  }
  return out;
}

async function detail(ctx: Ctx, playlist: Playlist, role: PlaylistRole): Promise<PlaylistDetailDto> {
  const viewerId = ctx.viewer?.id ?? null;
  const repo = playlistsRepository(ctx.em);
  const [dto] = await toDtos(ctx, [playlist], new Map([[playlist.id, role]]));
  const rows = await repo.items(playlist.id, viewerId);
  const cards = new Map((await tracksRepository(ctx.em).cards(rows.map((r) => r.trackId))).map((c) => [c.id, c]));
  const present = rows.filter((r) => cards.has(r.trackId));
  const tracks = await toTrackDtos(ctx, present.map((r) => cards.get(r.trackId)!));
  const collaborators = (await repo.collaborators(playlist.id)).filter((c) => c.status === 'active' || role === 'owner' || c.user.id === viewerId);
  return {
    ...dto!,
    items: present.map((r, i) => ({ track: tracks[i]!, addedBy: r.addedBy ? toUserSummary(r.addedBy) : null, addedAt: r.addedAt.toISOString() })),
    collaborators: collaborators.map((c) => ({ user: toUserSummary(c.user), status: c.status })),
  };
}

/**
 * Of these tracks, refuses any the viewer may not put in a playlist: a track they don't see, not ready yet, or
 * someone else's that is not public (an unlisted track is shared by link only).
 */
async function checkAddable(ctx: Ctx, viewer: Viewer, trackIds: string[]) {
  const unique = [...new Set(trackIds)];
  const tracks = tracksRepository(ctx.em);
  const cards = new Map((await tracks.cards(unique)).map((c) => [c.id, c]));
  const owners = await usersRepository(ctx.em).byIds([...new Set([...cards.values()].map((c) => c.owner.id))]);
  const privateOwners = new Map(owners.map((u) => [u.id, u]));
  for (const id of unique) {
    const card = cards.get(id);
    const owner = card && privateOwners.get(card.owner.id);
    const own = card?.owner.id === viewer.id;
    const fine = card && owner && card.status === 'ready' && (own || (card.visibility === 'public' && (await seesProfile(ctx.em, owner, viewer.id))));
    if (!fine) {
      throw new DomainError(
        'BAD_REQUEST',
        card && card.status !== 'ready' && (own || card.visibility === 'public')
          ? `"${card.title}" is still being processed: add it once it is ready.`
          : 'One of these tracks cannot be added: it is not public, or it does not exist.',
        undefined,
        'track_unavailable',
      );
    }
  }
}

const full = () => new DomainError('BAD_REQUEST', `A playlist holds at most ${PLAYLIST_TRACKS_MAX} tracks.`, undefined, 'playlist_full');

function refusalOf(error: unknown): never {
  if (error instanceof PlaylistEditError) {
    if (error.refusal === 'full') throw full();
    throw new DomainError('BAD_REQUEST', 'That track is not in this playlist (any more): refresh and try again.', undefined, 'not_in_playlist');
  }
  throw error;
}

export async function create(ctx: Ctx, viewer: Viewer, raw: CreatePlaylistInput): Promise<PlaylistDetailDto> {
  const input = createPlaylistInput.parse(raw);
  if (input.trackIds) await checkAddable(ctx, viewer, input.trackIds);
  const repo = playlistsRepository(ctx.em);
  const playlist = await ctx.em.transactional(async (tx) => {
    const created = tx.create(Playlist, {
      id: randomUUID(),
      owner: viewer.id,
      title: input.title,
      description: input.description || null,
      isPublic: input.isPublic,
      likeCount: 0,
      repostCount: 0,
      version: 1,
    });
    await tx.flush();
    if (input.trackIds) await playlistsRepository(tx).add(created.id, input.trackIds, viewer.id, 'end', PLAYLIST_TRACKS_MAX).catch(refusalOf);
    return created;
  });
  const fresh = await repo.byId(playlist.id);
  return detail(ctx, fresh!, 'owner');
}

export async function byId(ctx: Ctx, id: string): Promise<PlaylistDetailDto> {
  const { playlist, role } = await visible(ctx, id);
  return detail(ctx, playlist, role);
}

export async function update(ctx: Ctx, viewer: Viewer, raw: UpdatePlaylistInput): Promise<PlaylistDto> {
  const input = updatePlaylistInput.parse(raw);
  const { playlist } = await owned(ctx, input.id);
  if (input.title !== undefined) playlist.title = input.title;
  if (input.description !== undefined) playlist.description = input.description || null;
  if (input.isPublic !== undefined) playlist.isPublic = input.isPublic;
  playlist.version += 1;
  await ctx.em.flush();
  await publish(ctx, viewer, playlist.id, playlist.version, 'settings');
  const [dto] = await toDtos(ctx, [playlist], new Map([[playlist.id, 'owner']]));
  return dto!;
}

export async function remove(ctx: Ctx, viewer: Viewer, id: string): Promise<{ id: string; deleted: true }> {
  const { playlist } = await owned(ctx, id);
  const version = playlist.version + 1;
  await ctx.em.remove(playlist).flush();
  await publish(ctx, viewer, id, version, 'deleted');
  return { id, deleted: true };
}

export async function addTracks(ctx: Ctx, viewer: Viewer, raw: AddToPlaylistInput): Promise<PlaylistEditDto> {
  const input = addToPlaylistInput.parse(raw);
  await editable(ctx, input.id);
  await checkAddable(ctx, viewer, input.trackIds);
  const done = await playlistsRepository(ctx.em).add(input.id, input.trackIds, viewer.id, input.where, PLAYLIST_TRACKS_MAX).catch(refusalOf);
  if (!done) throw notFound('Playlist');
  await publish(ctx, viewer, input.id, done.version, 'tracks');
  return { id: input.id, version: done.version, added: done.result.length };
}

export async function removeTrack(ctx: Ctx, viewer: Viewer, id: string, trackId: string): Promise<PlaylistEditDto> {
  await editable(ctx, id);
  const done = await playlistsRepository(ctx.em).remove(id, trackId);
  if (!done) throw notFound('Playlist');
  await publish(ctx, viewer, id, done.version, 'tracks');
  return { id, version: done.version };
}

export async function moveTrack(ctx: Ctx, viewer: Viewer, raw: MovePlaylistTrackInput): Promise<PlaylistEditDto> {
  const input = movePlaylistTrackInput.parse(raw);
  if (input.afterTrackId === input.trackId) throw new DomainError('BAD_REQUEST', 'A track cannot move after itself.', undefined, 'not_in_playlist');
  await editable(ctx, input.id);
  const done = await playlistsRepository(ctx.em).move(input.id, input.trackId, input.afterTrackId).catch(refusalOf);
  if (!done) throw notFound('Playlist');
  await publish(ctx, viewer, input.id, done.version, 'tracks');
  return { id: input.id, version: done.version };
}

const PAGE_CURSOR = (p: Playlist) => encodeCursor({ createdAt: p.createdAt, id: p.id });

/** Someone's playlists, newest first: all of them for the owner, the public ones for others. */
export async function ofUser(ctx: Ctx, raw: UserPlaylistsInput): Promise<PlaylistPageDto> {
  const input = userPlaylistsInput.parse(raw);
  const user = await someoneNamed(ctx, input.username);
  const viewerId = ctx.viewer?.id ?? null;
  if (!(await seesProfile(ctx.em, user, viewerId))) throw privateProfile(user.username, 'lists');
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const repo = playlistsRepository(ctx.em);
  const page = await repo.ofOwner(user.id, user.id !== viewerId, after ? { at: after.createdAt, id: after.id } : null, input.limit);
  const byId = new Map((await repo.many(page.ids)).map((p) => [p.id, p]));
  const playlists = page.ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const items = await toDtos(ctx, playlists);
  const last = playlists.at(-1);
  return { items, nextCursor: page.more && last ? PAGE_CURSOR(last) : null };
}

/** The playlists I may add to (mine and those I collaborate on), most recently changed first. */
export async function editableByMe(ctx: Ctx, viewer: Viewer, raw: EditablePlaylistsInput): Promise<EditablePlaylistDto[]> {
  const input = editablePlaylistsInput.parse(raw);
  const repo = playlistsRepository(ctx.em);
  const ids = await repo.editableBy(viewer.id, 100);
  const byId = new Map((await repo.many(ids)).map((p) => [p.id, p]));
  const playlists = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const [dtos, holding] = await Promise.all([toDtos(ctx, playlists), input.containing ? repo.holding(ids, input.containing) : Promise.resolve(new Set<string>())]);
  return dtos.map((d) => ({ ...d, contains: holding.has(d.id) }));
}

export async function invite(ctx: Ctx, viewer: Viewer, id: string, username: string): Promise<PlaylistDetailDto> {
  const { playlist } = await owned(ctx, id);
  const person = await someoneNamed(ctx, username);
  if (person.id === viewer.id) throw new DomainError('BAD_REQUEST', 'You already own this playlist.', undefined, 'self');
  const { byMe, byThem } = await blocksRepository(ctx.em).between(viewer.id, [person.id]);
  if (byMe.size > 0 || byThem.size > 0) throw new DomainError('FORBIDDEN', `You cannot invite @${person.username}.`, undefined, 'blocked');
  const repo = playlistsRepository(ctx.em);
  if (!(await repo.collaborator(id, person.id))) {
    if ((await repo.countCollaborators(id)) >= PLAYLIST_COLLABORATORS_MAX) {
      throw new DomainError('BAD_REQUEST', `A playlist has at most ${PLAYLIST_COLLABORATORS_MAX} collaborators.`, undefined, 'too_many_collaborators');
    }
    if (await repo.invite(id, person.id)) {
      await playlistInvite(ctx, { recipientId: person.id, actorId: viewer.id, playlistId: id });
      await publish(ctx, viewer, id, await repo.touch(id), 'collaborators');
    }
  }
  return byId(ctx, playlist.id);
}

export async function accept(ctx: Ctx, viewer: Viewer, id: string): Promise<PlaylistDetailDto> {
  const { role } = await visible(ctx, id);
  if (role === 'owner' || role === 'collaborator') return byId(ctx, id);
  const repo = playlistsRepository(ctx.em);
  if (role !== 'invited' || !(await repo.accept(id, viewer.id))) throw new DomainError('NOT_FOUND', 'There is no invitation to this playlist for you.', undefined, 'no_invitation');
  await publish(ctx, viewer, id, await repo.touch(id), 'collaborators');
  return byId(ctx, id);
}

/** Leaves a playlist one collaborates on, or declines its invitation. Idempotent. */
export async function leave(ctx: Ctx, viewer: Viewer, id: string): Promise<{ id: string; left: boolean }> {
  const repo = playlistsRepository(ctx.em);
  const playlist = await repo.byId(id);
  if (!playlist) throw notFound('Playlist');
  if (playlist.owner.id === viewer.id) throw new DomainError('BAD_REQUEST', 'You own this playlist: delete it instead.', undefined, 'owner');
  const left = (await repo.removeCollaborator(id, viewer.id)) > 0;
  if (left) await publish(ctx, viewer, id, await repo.touch(id), 'collaborators');
  return { id, left };
}

export async function removeCollaborator(ctx: Ctx, viewer: Viewer, id: string, username: string): Promise<PlaylistDetailDto> {
  await owned(ctx, id);
  const person = await someoneNamed(ctx, username);
  const repo = playlistsRepository(ctx.em);
  if ((await repo.removeCollaborator(id, person.id)) > 0) await publish(ctx, viewer, id, await repo.touch(id), 'collaborators');
  return byId(ctx, id);
}

async function markState(ctx: Ctx, viewer: Viewer, id: string): Promise<PlaylistMarkDto> {
  const repo = playlistsRepository(ctx.em);
  const [counts, marks] = await Promise.all([repo.counts(id), playlistsRepository(ctx.em.fork()).marksOf(viewer.id, [id])]);
  return { id, likedByMe: marks.liked.has(id), repostedByMe: marks.reposted.has(id), likeCount: counts?.likeCount ?? 0, repostCount: counts?.repostCount ?? 0 };
}

export async function mark(ctx: Ctx, viewer: Viewer, id: string, kind: 'like' | 'repost', on: boolean): Promise<PlaylistMarkDto> {
  if (on) {
    const { playlist } = await visible(ctx, id);
    if (kind === 'repost') {
      if (playlist.owner.id === viewer.id) throw new DomainError('BAD_REQUEST', 'You cannot repost your own playlist.', undefined, 'own_playlist');
      if (!playlist.isPublic || playlist.owner.isPrivate) throw new DomainError('BAD_REQUEST', 'Only public playlists can be reposted.', undefined, 'not_public');
    }
  }
  // Unliking or unreposting works on a playlist one no longer sees.
  await playlistsRepository(ctx.em).mark(kind, viewer.id, id, on);
  return markState(ctx, viewer, id);
}

/** Live changes of a playlist the viewer sees: its version first, then every change. */
export async function* changes(ctx: Ctx, id: string, signal: AbortSignal | undefined): AsyncGenerator<PlaylistChangeEvent> {
  const live = await listen(ctx.deps.bus, playlistChannel(id), signal, parseChange, { max: 100 });
  try {
    const { playlist } = await visible(ctx, id);
    yield { id, version: playlist.version, change: 'settings', byUserId: playlist.owner.id };
    for await (const event of live) {
      yield event;
      if (event.change === 'deleted') return;
    }
  } finally {
    await live.return(undefined);
  }
}

const CHANGES = new Set<PlaylistChangeEvent['change']>(['tracks', 'settings', 'collaborators', 'deleted']);
function parseChange(payload: unknown): PlaylistChangeEvent | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Partial<PlaylistChangeEvent>;
  return typeof p.id === 'string' && Number.isSafeInteger(p.version) && typeof p.byUserId === 'string' && CHANGES.has(p.change!) ? (p as PlaylistChangeEvent) : null;
}

/** A playlist's own cover (versioned: a new URL per change, so it is cached), or null. */
export const playlistCoverUrlOf = (p: Pick<Playlist, 'id' | 'coverKey' | 'version'>) => (p.coverKey ? `/api/playlists/${p.id}/cover?v=${p.version}` : null);

/** Sets the cover of one of the viewer's playlists (an image checked by its bytes, 5 MB at most), replacing the old one. */
export async function setPlaylistCover(ctx: Ctx, viewer: Viewer, id: string, upload: { tempPath: string; sizeBytes: number }) {
  const { playlist } = await owned(ctx, id);
  playlist.version += 1;
  await replaceCover(ctx, playlist, `playlists/${id}`, upload);
  await publish(ctx, viewer, id, playlist.version, 'settings');
  return { coverUrl: playlistCoverUrlOf(playlist) };
}

export async function removePlaylistCover(ctx: Ctx, viewer: Viewer, id: string) {
  const { playlist } = await owned(ctx, id);
  if (!playlist.coverKey) return;
  playlist.version += 1;
  await dropCover(ctx, playlist);
  await publish(ctx, viewer, id, playlist.version, 'settings');
}

/** The stored cover of a playlist the viewer may see; cached publicly only for a public playlist of a public profile. */
export async function playlistCoverSource(ctx: Ctx, id: string) {
  const { playlist } = await visible(ctx, id);
  if (!playlist.coverKey || !playlist.coverMimeType) throw notFound('Cover');
  return { key: playlist.coverKey, mimeType: playlist.coverMimeType, visibility: playlist.isPublic && !playlist.owner.isPrivate ? ('public' as const) : ('private' as const) };
}
