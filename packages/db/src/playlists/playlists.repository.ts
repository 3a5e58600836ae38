import { raw } from '@mikro-orm/core';
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import type { Em } from '../orm.ts';
import { audienceParams, audienceSql } from '../repositories/tracks.repository.ts';
import { Playlist, PlaylistCollaborator, PlaylistLike, PlaylistRepost, PlaylistTrack, type PlaylistCollaboratorStatus } from './playlist.entity.ts';

/** A track of a playlist as a reader sees it, in order. */
export interface PlaylistItemRow {
  trackId: string;
  position: string;
  addedAt: Date;
  addedBy: { id: string; username: string; displayName: string | null } | null;
}

/** A playlist of a list (a profile's, mine), with what its reader sees of its tracks. */
export interface PlaylistListRow {
  id: string;
  trackCount: number;
  durationMs: number;
  /** The first tracks, for the cover mosaic when it has no cover. */
  firstTrackIds: string[];
}

export interface PlaylistPageCursor {
  at: Date;
  id: string;
}

/** Why an edit of a playlist's tracks was refused (the service words it). */
export type PlaylistEditRefusal = 'full' | 'not_in_playlist';
export class PlaylistEditError extends Error {
  readonly refusal: PlaylistEditRefusal;
  constructor(refusal: PlaylistEditRefusal) {
    super(refusal);
    this.refusal = refusal;
  }
}

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/**
 * The tracks of a playlist `viewerId` sees, as SQL on the track (`t`) and its owner (`u`): their own tracks, and the
 * public, ready tracks of profiles they see (a private track added by its owner shows to its owner only).
 */
const itemShows = (viewerId: string | null) =>
  viewerId === null
    ? `(t.visibility = 'public' and t.status = 'ready' and ${audienceSql('u.id', 'u.is_private', null)})`
    : `(t.owner_id = ? or (t.visibility = 'public' and t.status = 'ready' and ${audienceSql('u.id', 'u.is_private', viewerId)}))`;
const itemParams = (viewerId: string | null): unknown[] => (viewerId === null ? [] : [viewerId, ...audienceParams(viewerId)]);

/** Playlists (issue 11): their tracks in a stable order, collaborators, likes and reposts. */
export const playlistsRepository = (em: Em) => {
  /**
   * Runs an edit of a playlist's tracks under a row lock on the playlist: edits of one playlist take turns (each
   * reads the neighbours' keys it writes between), edits of different playlists don't wait for each other. Bumps the
   * version. Returns `null` when the playlist is gone.
   */
  const editing = <T>(playlistId: string, edit: (tx: Em) => Promise<T>) =>
    em.transactional(async (tx) => {
      const locked = await tx.execute<{ id: string }[]>('select id from playlists where id = ? for update', [playlistId]);
      if (locked.length === 0) return null;
      const result = await edit(tx);
      const [row] = await tx.execute<{ version: number }[]>('update playlists set version = version + 1, updated_at = ? where id = ? returning version', [new Date(), playlistId]);
      return { result, version: row!.version };
    });

  return {
    byId: (id: string) => em.findOne(Playlist, { id }, { populate: ['owner', 'coverKey'], refresh: true }),

    /** A collaborator's row (invited or active), or null. */
    collaborator: (playlistId: string, userId: string) => em.findOne(PlaylistCollaborator, { playlist: playlistId, user: userId }, { refresh: true }),

    /** The collaborators, invited and active, oldest first. */
    collaborators: (playlistId: string) =>
      em.find(PlaylistCollaborator, { playlist: playlistId }, { populate: ['user'], orderBy: { createdAt: 'asc' } }),

    countCollaborators: (playlistId: string) => em.count(PlaylistCollaborator, { playlist: playlistId }),

    /** Invites `userId` (again: nothing changes). Returns whether the invitation is new. */
    async invite(playlistId: string, userId: string): Promise<boolean> {
      const rows = await em.execute<{ playlist_id: string }[]>(
        `insert into playlist_collaborators (playlist_id, user_id, status, created_at) values (?, ?, 'invited', ?)
         on conflict do nothing returning playlist_id`,
        [playlistId, userId, new Date()],
      );
      return rows.length > 0;
    },

    /** invited → active; false when there was no invitation. */
    async accept(playlistId: string, userId: string): Promise<boolean> {
      const changed = await em.nativeUpdate(PlaylistCollaborator, { playlist: playlistId, user: userId }, { status: 'active' satisfies PlaylistCollaboratorStatus, acceptedAt: new Date() });
      return changed > 0;
    },

    removeCollaborator: (playlistId: string, userId: string) => em.nativeDelete(PlaylistCollaborator, { playlist: playlistId, user: userId }),

    /** Bumps the version after a change of settings or collaborators; returns it. */
    async touch(playlistId: string): Promise<number> {
      const [row] = await em.execute<{ version: number }[]>('update playlists set version = version + 1, updated_at = ? where id = ? returning version', [new Date(), playlistId]);
      return row?.version ?? 0;
    },

    /**
     * Appends tracks (those not in it yet, in the order given) after the last one, or inserts them first. Refused when
     * the playlist would hold more than `max`. Returns the tracks added and the new version; null when it is gone.
     */
    add: (playlistId: string, trackIds: string[], addedBy: string, where: 'end' | 'start', max: number) =>
      editing(playlistId, async (tx) => {
        const present = new Set((await tx.execute<{ track_id: string }[]>('select track_id from playlist_tracks where playlist_id = ?', [playlistId])).map((r) => r.track_id));
        const fresh = [...new Set(trackIds)].filter((id) => !present.has(id));
        if (present.size + fresh.length > max) throw new PlaylistEditError('full');
        if (fresh.length === 0) return [];
        const [bounds] = await tx.execute<{ first: string | null; last: string | null }[]>(
          'select min(position) as first, max(position) as last from playlist_tracks where playlist_id = ?',
          [playlistId],
        );
        const keys = where === 'end' ? generateNKeysBetween(bounds?.last ?? null, null, fresh.length) : generateNKeysBetween(null, bounds?.first ?? null, fresh.length);
        const now = new Date();
        for (const [i, trackId] of fresh.entries()) {
          tx.create(PlaylistTrack, { playlist: playlistId, track: trackId, position: keys[i]!, addedBy, addedAt: now });
        }
        await tx.flush();
        return fresh;
      }),

    /** Takes a track out; `false` as result when it was not in it. */
    remove: (playlistId: string, trackId: string) =>
      editing(playlistId, async (tx) => (await tx.nativeDelete(PlaylistTrack, { playlist: playlistId, track: trackId })) > 0),

    /**
     * Moves a track right after `afterTrackId` (null: first). Only the moved track's key changes: it takes a key between
     * its new neighbours' keys as they are now, under the lock.
     */
    move: (playlistId: string, trackId: string, afterTrackId: string | null) =>
      editing(playlistId, async (tx) => {
        const keys = await tx.execute<{ track_id: string; position: string }[]>(
          'select track_id, position from playlist_tracks where playlist_id = ? and track_id in (?, ?)',
          [playlistId, trackId, afterTrackId ?? trackId],
        );
        const moving = keys.find((k) => k.track_id === trackId);
        const after = afterTrackId === null ? null : keys.find((k) => k.track_id === afterTrackId);
        if (!moving || after === undefined) throw new PlaylistEditError('not_in_playlist');
        const [next] = await tx.execute<{ position: string | null }[]>(
          after === null
            ? 'select min(position) as position from playlist_tracks where playlist_id = ? and track_id <> ?'
            : 'select min(position) as position from playlist_tracks where playlist_id = ? and track_id <> ? and position > ?',
          after === null ? [playlistId, trackId] : [playlistId, trackId, after.position],
        );
        const position = generateKeyBetween(after?.position ?? null, next?.position ?? null);
        await tx.nativeUpdate(PlaylistTrack, { playlist: playlistId, track: trackId }, { position });
        return position;
      }),

    /** The tracks of a playlist `viewerId` sees, in order, with who added them. */
    async items(playlistId: string, viewerId: string | null): Promise<PlaylistItemRow[]> {
      const rows = await em.execute<{ track_id: string; position: string; added_at: Date | string; by_id: string | null; by_username: string | null; by_display_name: string | null }[]>(
        `select pt.track_id, pt.position, pt.added_at, a.id as by_id, a.username as by_username, a.display_name as by_display_name
         from playlist_tracks pt join tracks t on t.id = pt.track_id join users u on u.id = t.owner_id
         left join users a on a.id = pt.added_by_id
         where pt.playlist_id = ? and ${itemShows(viewerId)}
         order by pt.position`,
        [playlistId, ...itemParams(viewerId)],
      );
      return rows.map((r) => ({
        trackId: r.track_id,
        position: r.position,
        addedAt: date(r.added_at),
        addedBy: r.by_id ? { id: r.by_id, username: r.by_username!, displayName: r.by_display_name } : null,
      }));
    },

    /** Track count, duration and first tracks of each playlist, of what `viewerId` sees in them: one query. */
    async summaries(playlistIds: string[], viewerId: string | null): Promise<Map<string, PlaylistListRow>> {
      if (playlistIds.length === 0) return new Map();
      const rows = await em.execute<{ id: string; track_count: number | string; duration_ms: number | string | null; first_ids: string[] | null }[]>(
        `select p.id, count(v.track_id) as track_count, coalesce(sum(v.duration_ms), 0) as duration_ms,
                (array_agg(v.track_id order by v.position) filter (where v.track_id is not null))[1:4] as first_ids
         from playlists p
         left join lateral (
           select pt.track_id, pt.position, t.duration_ms from playlist_tracks pt join tracks t on t.id = pt.track_id join users u on u.id = t.owner_id
           where pt.playlist_id = p.id and ${itemShows(viewerId)}
         ) v on true
         where p.id in (${playlistIds.map(() => '?').join(', ')})
         group by p.id`,
        [...itemParams(viewerId), ...playlistIds],
      );
      return new Map(rows.map((r) => [r.id, { id: r.id, trackCount: Number(r.track_count), durationMs: Number(r.duration_ms ?? 0), firstTrackIds: r.first_ids ?? [] }]));
    },

    /**
     * A page of `ownerId`'s playlists, newest first: all of them for the owner, the public ones for others (the caller
     * checked the profile is visible).
     */
    async ofOwner(ownerId: string, publicOnly: boolean, after: PlaylistPageCursor | null, limit: number) {
      const params: unknown[] = [ownerId];
      let keyset = '';
      if (after) {
        keyset = 'and (created_at, id) < (?, ?)';
        params.push(after.at, after.id);
      }
      params.push(limit + 1);
      const rows = await em.execute<{ id: string }[]>(
        `select id from playlists where owner_id = ? ${publicOnly ? 'and is_public' : ''} ${keyset} order by created_at desc, id desc limit ?`,
        params,
      );
      return { ids: rows.slice(0, limit).map((r) => r.id), more: rows.length > limit };
    },

    /** The playlists `userId` may edit (their own and those they collaborate on, active), newest change first. */
    async editableBy(userId: string, limit: number) {
      const rows = await em.execute<{ id: string }[]>(
        `select p.id from playlists p where p.owner_id = ?
           or exists (select 1 from playlist_collaborators c where c.playlist_id = p.id and c.user_id = ? and c.status = 'active')
         order by p.updated_at desc, p.id desc limit ?`,
        [userId, userId, limit],
      );
      return rows.map((r) => r.id);
    },

    /** Of these playlists, those holding `trackId`. */
    async holding(playlistIds: string[], trackId: string): Promise<Set<string>> {
      if (playlistIds.length === 0) return new Set();
      const rows = await em.execute<{ playlist_id: string }[]>(
        `select playlist_id from playlist_tracks where track_id = ? and playlist_id in (${playlistIds.map(() => '?').join(', ')})`,
        [trackId, ...playlistIds],
      );
      return new Set(rows.map((r) => r.playlist_id));
    },

    /** Playlists by id, with their owners. */
    many: (ids: string[]) => (ids.length === 0 ? Promise.resolve([]) : em.find(Playlist, { id: { $in: ids } }, { populate: ['owner', 'coverKey'] })),

    /** Likes or reposts of playlists (`table`), idempotent; keeps the playlist's counter in step. Returns whether it changed. */
    mark: (kind: 'like' | 'repost', userId: string, playlistId: string, on: boolean) =>
      em.transactional(async (tx) => {
        const entity = kind === 'like' ? PlaylistLike : PlaylistRepost;
        const column = kind === 'like' ? 'like_count' : 'repost_count';
        const field = kind === 'like' ? 'likeCount' : 'repostCount';
        let changed: boolean;
        if (on) {
          const rows = await tx.execute<{ user_id: string }[]>(
            `insert into ${kind === 'like' ? 'playlist_likes' : 'playlist_reposts'} (user_id, playlist_id, created_at) values (?, ?, ?) on conflict do nothing returning user_id`,
            [userId, playlistId, new Date()],
          );
          changed = rows.length > 0;
        } else {
          changed = (await tx.nativeDelete(entity, { user: userId, playlist: playlistId })) > 0;
        }
        if (changed) await tx.nativeUpdate(Playlist, { id: playlistId }, { [field]: raw(on ? `${column} + 1` : `greatest(${column} - 1, 0)`) });
        return changed;
      }),

    /** Whether `userId` likes / reposted each of these playlists. */
    async marksOf(userId: string, playlistIds: string[]) {
      if (playlistIds.length === 0) return { liked: new Set<string>(), reposted: new Set<string>() };
      const [likes, reposts] = await Promise.all([
        em.fork().find(PlaylistLike, { user: userId, playlist: { $in: playlistIds } }, { fields: ['playlist'] }),
        em.fork().find(PlaylistRepost, { user: userId, playlist: { $in: playlistIds } }, { fields: ['playlist'] }),
      ]);
      return { liked: new Set(likes.map((l) => l.playlist.id)), reposted: new Set(reposts.map((r) => r.playlist.id)) };
    },

    counts: (playlistId: string) => em.findOne(Playlist, { id: playlistId }, { fields: ['likeCount', 'repostCount'], refresh: true }),
  };
};
