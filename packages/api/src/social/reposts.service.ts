// Reposts and likes lists (issue 11): reposting shares a track with one's followers (their home feeds, and the
// reposts tab of one's profile), with an optional caption; the likes tab lists the tracks someone likes.
//
// - Only public tracks can be reposted (an unlisted or private one would reach people it was not meant for), and
//   not one's own. Reposting is idempotent (reposting again replaces the caption), unreposting too.
// - The owner is notified (`track.reposted`), once a day per person and track however often they repost.
// - The lists show what the viewer may see (audience.ts), and hide everything of a private profile from anyone it
//   has not approved.
import { repostsRepository, tracksRepository, type TrackCard } from '@veza/db';
import { repostInput, userTracksPageInput, type RepostInput, type UserTracksPageInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { trackLiked } from '../notifications/notifications.service.ts';
import { decodeCursor, encodeCursor } from '../tracks/cursor.ts';
import { toTrackDtos, visibleTrack } from '../tracks/tracks.service.ts';
import { someoneNamed } from '../users/users.service.ts';
import { privateProfile, seesProfile } from './audience.ts';
import type { RepostStateDto, UserTrackPageDto } from './social.dto.ts';

type Ctx = Pick<Context, 'em' | 'viewer' | 'deps'>;

async function state(ctx: Ctx, viewer: Viewer, trackId: string): Promise<RepostStateDto> {
  const reposts = repostsRepository(ctx.em);
  const mine = await reposts.get(viewer.id, trackId);
  return { trackId, repostedByMe: mine !== null, caption: mine?.caption ?? null, repostCount: await reposts.repostCount(trackId) };
}

export async function repost(ctx: Ctx, viewer: Viewer, raw: RepostInput): Promise<RepostStateDto> {
  const input = repostInput.parse(raw);
  const track = await visibleTrack(ctx, input.trackId);
  if (track.owner.id === viewer.id) throw new DomainError('BAD_REQUEST', 'You cannot repost your own track.', undefined, 'own_track');
  if (track.visibility !== 'public') {
    throw new DomainError('BAD_REQUEST', 'Only public tracks can be reposted: this one is shared by link only.', undefined, 'not_public');
  }
  if (await repostsRepository(ctx.em).repost(viewer.id, track.id, input.caption || null)) {
    await trackLiked(ctx, { track, likerId: viewer.id, type: 'track.reposted' });
  }
  return state(ctx, viewer, track.id);
}

export async function unrepost(ctx: Ctx, viewer: Viewer, trackId: string): Promise<RepostStateDto> {
  // A track one can no longer see (made private since) can still be unreposted.
  await repostsRepository(ctx.em).unrepost(viewer.id, trackId);
  return state(ctx, viewer, trackId);
}

/** Cards in the order of `rows`, dropping any that went away meanwhile. */
function inOrder<R extends { trackId: string }>(rows: R[], cards: TrackCard[]): { row: R; card: TrackCard }[] {
  const byId = new Map(cards.map((c) => [c.id, c]));
  return rows.flatMap((row) => {
    const card = byId.get(row.trackId);
    return card ? [{ row, card }] : [];
  });
}

/** A page of `username`'s reposts (`side` 'reposts') or liked tracks ('likes'), newest first. */
export async function userTracks(ctx: Ctx, side: 'reposts' | 'likes', raw: UserTracksPageInput): Promise<UserTrackPageDto> {
  const input = userTracksPageInput.parse(raw);
  const user = await someoneNamed(ctx, input.username);
  const viewerId = ctx.viewer?.id ?? null;
  if (!(await seesProfile(ctx.em, user, viewerId))) throw privateProfile(user.username, 'lists');
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const cursor = after ? { at: after.createdAt, trackId: after.id } : null;
  const { rows, more } =
    side === 'reposts'
      ? await repostsRepository(ctx.em).page(user.id, viewerId, cursor, input.limit)
      : await tracksRepository(ctx.em).likedPage(user.id, viewerId, after, input.limit).then((p) => ({ more: p.more, rows: p.rows.map((r) => ({ ...r, caption: null })) }));
  const pairs = inOrder(rows, await tracksRepository(ctx.em).cards(rows.map((r) => r.trackId)));
  const dtos = await toTrackDtos(ctx, pairs.map((p) => p.card));
  const last = rows.at(-1);
  return {
    items: pairs.map((p, i) => ({ track: dtos[i]!, at: p.row.at.toISOString(), caption: p.row.caption })),
    nextCursor: more && last ? encodeCursor({ createdAt: last.at, id: last.trackId }) : null,
  };
}
