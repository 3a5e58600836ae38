// A group's feed (issue 12): members post public tracks and playlists with a comment.
//
// - Only members post, and only what anyone may see: a public, ready track, or a public playlist, of a profile that is
//   not private (a post must not open anything to the group that its owner keeps to fewer people). Anything else,
//   unknown ids included, is refused with the same words (reason `item_unavailable`).
// - Reading follows the group (readable): a private group's feed is for its members. An item that is no longer public
//   (made private, deleted) drops out of the feed; posts of people the reader blocked, or who blocked them, are left out.
// - The author or an admin removes a post. Posting the same item twice to a group finds the first post.
import { communityGroupsRepository, GroupPost, playlistsRepository, tracksRepository, usersRepository } from '@veza/db';
import { createGroupPostInput, type CreateGroupPostInput } from '@veza/validators';
import type { Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { playlistCoverUrlOf } from '../playlists/playlists.service.ts';
import { decodeCursor, encodeCursor } from '../tracks/cursor.ts';
import { toTrackDtos } from '../tracks/tracks.service.ts';
import { toUserSummary } from '../users/users.dto.ts';
import type { GroupFeedPageDto, GroupPostDto, GroupPostPlaylistDto } from './groups.dto.ts';
import { manages, membersOnly, readable, withRole, type Ctx } from './groups.service.ts';

const unavailable = () => new DomainError('BAD_REQUEST', 'Only public tracks and playlists can be posted to a group.', undefined, 'item_unavailable');

/** Whether the item may be posted: public, ready (a track), and of a profile that is not private. */
async function checkPostable(ctx: Ctx, input: { trackId?: string | undefined; playlistId?: string | undefined }) {
  if (input.trackId) {
    const [card] = await tracksRepository(ctx.em).cards([input.trackId]);
    const [owner] = card ? await usersRepository(ctx.em).byIds([card.owner.id]) : [];
    if (!card || !owner || owner.isPrivate || card.visibility !== 'public' || card.status !== 'ready') throw unavailable();
    return;
  }
  const playlist = input.playlistId ? await playlistsRepository(ctx.em).byId(input.playlistId) : null;
  if (!playlist || !playlist.isPublic || playlist.owner.isPrivate) throw unavailable();
}

/** DTOs of these posts for the viewer (the feed query already kept only what they may see). */
async function toPostDtos(ctx: Ctx, posts: GroupPost[], adminView: boolean): Promise<GroupPostDto[]> {
  const viewerId = ctx.viewer?.id ?? null;
  const trackIds = posts.flatMap((p) => (p.track ? [p.track.id] : []));
  const playlistIds = posts.flatMap((p) => (p.playlist ? [p.playlist.id] : []));
  const cards = await tracksRepository(ctx.em.fork()).cards(trackIds);
  const tracks = new Map((await toTrackDtos(ctx, cards)).map((t) => [t.id, t]));
  const lists = playlistsRepository(ctx.em.fork());
  const [playlists, summaries] = await Promise.all([lists.many(playlistIds), playlistsRepository(ctx.em.fork()).summaries(playlistIds, viewerId)]);
  const playlistDtos = new Map<string, GroupPostPlaylistDto>(
    playlists.map((p) => [p.id, { id: p.id, title: p.title, owner: toUserSummary(p.owner), coverUrl: playlistCoverUrlOf(p), trackCount: summaries.get(p.id)?.trackCount ?? 0 }]),
  );
  return posts.flatMap((p) => {
    const track = p.track ? (tracks.get(p.track.id) ?? null) : null;
    const playlist = p.playlist ? (playlistDtos.get(p.playlist.id) ?? null) : null;
    if (!track && !playlist) return [];
    return [
      {
        id: p.id,
        groupId: p.group.id,
        author: toUserSummary(p.author),
        comment: p.comment ?? null,
        track,
        playlist,
        canDelete: p.author.id === viewerId || adminView,
        createdAt: p.createdAt.toISOString(),
      },
    ];
  });
}

/** A member posts a public track or playlist with an optional comment (≤ 500 characters). */
export async function post(ctx: Ctx, viewer: Viewer, raw: CreateGroupPostInput): Promise<GroupPostDto> {
  const input = createGroupPostInput.parse(raw);
  const { group, role } = await withRole(ctx, input.id);
  if (role === null) {
    if (!group.isPublic) throw membersOnly();
    throw new DomainError('FORBIDDEN', 'Join this group to post in it.', undefined, 'not_a_member');
  }
  await checkPostable(ctx, input);
  const { id } = await communityGroupsRepository(ctx.em).createPost({
    groupId: group.id,
    authorId: viewer.id,
    trackId: input.trackId ?? null,
    playlistId: input.playlistId ?? null,
    comment: input.comment || null,
  });
  const saved = await ctx.em.findOneOrFail(GroupPost, { id }, { populate: ['author'], refresh: true });
  const [dto] = await toPostDtos(ctx, [saved], manages(role));
  if (!dto) throw unavailable();
  return dto;
}

/** A page of the feed, newest first. */
export async function feed(ctx: Ctx, id: string, cursor: string | null | undefined, limit: number): Promise<GroupFeedPageDto> {
  const { group, role } = await readable(ctx, id);
  const c = cursor ? decodeCursor(cursor) : null;
  const page = await communityGroupsRepository(ctx.em).feedPage(group.id, ctx.viewer?.id ?? null, c ? { at: c.createdAt, id: c.id } : null, limit);
  const items = await toPostDtos(ctx, page.posts, manages(role));
  const last = page.posts.at(-1);
  return { items, nextCursor: page.more && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
}

/** The author or an admin removes a post (already gone: `deleted: false`). */
export async function deletePost(ctx: Ctx, viewer: Viewer, postId: string): Promise<{ deleted: boolean }> {
  const repo = communityGroupsRepository(ctx.em);
  const found = await repo.postById(postId);
  if (!found) throw new DomainError('NOT_FOUND', 'This post does not exist.', undefined, 'post_not_found');
  if (found.author.id !== viewer.id) {
    const { role } = await readable(ctx, found.group.id);
    if (!manages(role)) throw new DomainError('FORBIDDEN', "Only its author and the group's admins can remove a post.", undefined, 'not_author');
  }
  return { deleted: await repo.deletePost(postId) };
}
