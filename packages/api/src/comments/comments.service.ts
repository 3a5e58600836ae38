// Timed comments (issue 11), SoundCloud-style: a comment anchored at a moment of the track, shown along the waveform
// while it plays, with replies one level deep (a reply to a reply joins the same thread), `@mentions`, likes, edit
// (the author), delete (the author, the track's owner, moderators), one comment pinned by the track's owner, and
// comments turned off per track by its owner (the thread stays readable).
//
// Who may read comments is who may see the track (tracks.service `visibleTrack`, audience.ts). Commenting also needs
// comments on and no block either way with the track's owner (or with the author replied to). The track's owner is
// told of a new comment, an author of a reply to theirs, and the people mentioned who may see the track
// (`comment.new`), each once per comment.
import { blocksRepository, commentsRepository, usersRepository, type TrackComment } from '@veza/db';
import {
  createCommentInput,
  listCommentsInput,
  listRepliesInput,
  type CreateCommentInput,
  type ListCommentsInput,
  type ListRepliesInput,
} from '@veza/validators';
import { parseMentions } from '../chat/mentions.ts';
import type { Context, Viewer } from '../context.ts';
import { DomainError, forbidden, notFound } from '../errors.ts';
import { commentNotice } from '../notifications/notifications.service.ts';
import { seesTrack } from '../social/audience.ts';
import { decodeCursor, encodeCursor } from '../tracks/cursor.ts';
import { visibleTrack } from '../tracks/tracks.service.ts';
import { toUserSummary, type UserSummaryDto } from '../users/users.dto.ts';
import type { CommentDto, CommentPageDto, ReplyPageDto, ThreadCommentDto, TimelineCommentDto } from './comments.dto.ts';

type Ctx = Pick<Context, 'em' | 'viewer' | 'deps'>;
type Track = Awaited<ReturnType<typeof visibleTrack>>;

/** Replies shown under each comment of the thread (the rest come from `comments.replies`). */
export const REPLIES_SHOWN = 3;
/** Comments the waveform shows at most (the most liked, then the newest). */
export const TIMELINE_MAX = 200;
const MODERATOR_ROLES = new Set(['moderator', 'admin']);

const isModerator = (viewer: Viewer | null) => viewer !== null && MODERATOR_ROLES.has(viewer.role);
const canDelete = (viewer: Viewer | null, comment: TrackComment, trackOwnerId: string) =>
  viewer !== null && (comment.author.id === viewer.id || trackOwnerId === viewer.id || isModerator(viewer));

/** The `@names` of these bodies that name someone, in one query. */
async function mentionsOf(ctx: Ctx, bodies: string[]): Promise<Map<string, UserSummaryDto>> {
  const names = [...new Set(bodies.flatMap(parseMentions))];
  if (names.length === 0) return new Map();
  const users = await usersRepository(ctx.em).byUsernames(names.slice(0, 200));
  return new Map(users.map((u) => [u.username, toUserSummary(u)]));
}

async function toDtos(ctx: Ctx, track: Track, comments: TrackComment[]): Promise<CommentDto[]> {
  const viewer = ctx.viewer;
  const liked = viewer ? await commentsRepository(ctx.em).likedAmong(viewer.id, comments.map((c) => c.id)) : new Set<string>();
  const people = await mentionsOf(ctx, comments.map((c) => c.body));
  return comments.map((c) => ({
    id: c.id,
    trackId: track.id,
    parentId: c.parent?.id ?? null,
    author: toUserSummary(c.author),
    atMs: c.atMs,
    body: c.body,
    mentions: [...new Set(parseMentions(c.body))].flatMap((name) => people.get(name) ?? []),
    createdAt: c.createdAt.toISOString(),
    editedAt: c.editedAt?.toISOString() ?? null,
    likeCount: c.likeCount,
    likedByMe: liked.has(c.id),
    replyCount: c.replyCount,
    pinned: track.pinnedCommentId === c.id,
    canEdit: viewer?.id === c.author.id,
    canDelete: canDelete(viewer, c, track.owner.id),
  }));
}

/** Top-level comments with their newest replies. */
async function toThread(ctx: Ctx, track: Track, comments: TrackComment[]): Promise<ThreadCommentDto[]> {
  const replies = await commentsRepository(ctx.em).firstReplies(comments.filter((c) => c.replyCount > 0).map((c) => c.id), REPLIES_SHOWN);
  const dtos = await toDtos(ctx, track, [...comments, ...replies]);
  const byId = new Map(dtos.map((d) => [d.id, d]));
  return comments.map((c) => ({ ...byId.get(c.id)!, replies: replies.filter((r) => r.parent?.id === c.id).map((r) => byId.get(r.id)!) }));
}

/** Why the viewer may not comment on this track (or reply to `replyTo`'s author), or null when they may. */
async function refusal(ctx: Ctx, viewer: Viewer, track: Track, replyToAuthorId?: string): Promise<DomainError | null> {
  if (!track.commentsEnabled) return new DomainError('FORBIDDEN', 'Comments are turned off for this track.', undefined, 'comments_off');
  const others = [...new Set([track.owner.id, replyToAuthorId].filter((id): id is string => id !== undefined && id !== viewer.id))];
  if (others.length === 0) return null;
  const { byMe, byThem } = await blocksRepository(ctx.em).between(viewer.id, others);
  if (byMe.size > 0 || byThem.size > 0) return new DomainError('FORBIDDEN', 'You cannot comment here.', undefined, 'blocked');
  return null;
}

export async function list(ctx: Ctx, raw: ListCommentsInput): Promise<CommentPageDto> {
  const input = listCommentsInput.parse(raw);
  const track = await visibleTrack(ctx, input.trackId);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const comments = commentsRepository(ctx.em);
  const { rows, more } = await comments.page({ trackId: track.id, parentId: null }, after ? { at: after.createdAt, id: after.id } : null, input.limit);
  const pinnedRow = !after && track.pinnedCommentId ? await comments.byId(track.pinnedCommentId) : null;
  const thread = await toThread(ctx, track, pinnedRow ? [pinnedRow, ...rows] : rows);
  const last = rows.at(-1);
  return {
    items: pinnedRow ? thread.slice(1) : thread,
    nextCursor: more && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    total: track.commentCount,
    commentsEnabled: track.commentsEnabled,
    pinned: pinnedRow ? thread[0]! : null,
    canComment: ctx.viewer !== null && (await refusal(ctx, ctx.viewer, track)) === null,
  };
}

export async function replies(ctx: Ctx, raw: ListRepliesInput): Promise<ReplyPageDto> {
  const input = listRepliesInput.parse(raw);
  const { comment, track } = await loadComment(ctx, input.commentId);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const { rows, more } = await commentsRepository(ctx.em).page({ trackId: track.id, parentId: comment.id }, after ? { at: after.createdAt, id: after.id } : null, input.limit);
  const last = rows.at(-1);
  return { items: await toDtos(ctx, track, rows), nextCursor: more && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
}

export async function timeline(ctx: Ctx, trackId: string): Promise<{ items: TimelineCommentDto[] }> {
  const track = await visibleTrack(ctx, trackId);
  const rows = await commentsRepository(ctx.em).timeline(track.id, TIMELINE_MAX);
  return {
    items: rows
      .map((c) => ({ id: c.id, atMs: c.atMs, author: toUserSummary(c.author), excerpt: c.body.length > 140 ? `${c.body.slice(0, 139)}…` : c.body }))
      .sort((a, b) => a.atMs - b.atMs),
  };
}

/** A comment on a track the viewer may see (NOT_FOUND otherwise, as for the track itself). */
async function loadComment(ctx: Ctx, id: string) {
  const comment = await commentsRepository(ctx.em).byId(id);
  if (!comment || !(await seesTrack(ctx.em, comment.track, ctx.viewer?.id ?? null))) throw notFound('Comment');
  return { comment, track: await visibleTrack(ctx, comment.track.id) };
}

async function loadThreadComment(ctx: Ctx, track: Track, id: string) {
  const comment = await commentsRepository(ctx.em).byId(id);
  if (!comment || comment.track.id !== track.id) throw notFound('Comment');
  return { comment, track };
}

export async function create(ctx: Ctx, viewer: Viewer, raw: CreateCommentInput): Promise<CommentDto> {
  const input = createCommentInput.parse(raw);
  const track = await visibleTrack(ctx, input.trackId);
  // A reply to a reply joins its thread: replies are one level deep.
  const replied = input.parentId ? (await loadThreadComment(ctx, track, input.parentId)).comment : null;
  const parent = replied?.parent ? (await loadThreadComment(ctx, track, replied.parent.id)).comment : replied;
  const refused = await refusal(ctx, viewer, track, replied?.author.id);
  if (refused) throw refused;
  const atMs = parent ? parent.atMs : input.atMs!;
  if (track.durationMs != null && atMs > track.durationMs) {
    throw new DomainError('BAD_REQUEST', 'This moment is past the end of the track.', { atMs: ['Past the end of the track.'] }, 'past_end');
  }
  const id = crypto.randomUUID();
  await commentsRepository(ctx.em).create({ id, trackId: track.id, authorId: viewer.id, parentId: parent?.id ?? null, atMs, body: input.body });
  const comment = (await commentsRepository(ctx.em).byId(id))!;
  await notify(ctx, viewer, track, comment, [replied?.author.id, parent?.author.id]);
  return (await toDtos(ctx, track, [comment]))[0]!;
}

/** The track's owner, the authors replied to (and of the thread), the people mentioned who may see the track, once each. */
async function notify(ctx: Ctx, viewer: Viewer, track: Track, comment: TrackComment, repliedTo: (string | undefined)[]) {
  const recipients = new Set([track.owner.id]);
  for (const id of repliedTo) if (id) recipients.add(id);
  const names = parseMentions(comment.body).slice(0, 50);
  const mentioned = names.length ? await usersRepository(ctx.em).byUsernames(names) : [];
  for (const user of mentioned) if (await seesTrack(ctx.em, track, user.id)) recipients.add(user.id);
  recipients.delete(viewer.id);
  if (recipients.size === 0) return;
  // Nobody is told of a comment by someone they blocked, or who blocked them.
  const { byMe, byThem } = await blocksRepository(ctx.em).between(viewer.id, [...recipients]);
  for (const id of recipients) {
    if (byMe.has(id) || byThem.has(id)) continue;
    await commentNotice(ctx, { recipientId: id, actorId: viewer.id, trackId: track.id, commentId: comment.id });
  }
}

export async function edit(ctx: Ctx, viewer: Viewer, id: string, body: string): Promise<CommentDto> {
  const { comment, track } = await loadComment(ctx, id);
  if (comment.author.id !== viewer.id) throw forbidden('Only its author can edit a comment.');
  if (comment.body !== body) {
    comment.body = body;
    comment.editedAt = new Date();
    await ctx.em.flush();
  }
  return (await toDtos(ctx, track, [comment]))[0]!;
}

export async function remove(ctx: Ctx, viewer: Viewer, id: string): Promise<{ id: string; total: number }> {
  const { comment, track } = await loadComment(ctx, id);
  if (!canDelete(viewer, comment, track.owner.id)) throw forbidden("Only its author, the track's owner or a moderator can delete a comment.");
  await commentsRepository(ctx.em).remove({ id: comment.id, trackId: track.id, parentId: comment.parent?.id ?? null, replyCount: comment.replyCount });
  const fresh = await visibleTrack({ ...ctx, em: ctx.em.fork() }, track.id);
  return { id, total: fresh.commentCount };
}

export async function like(ctx: Ctx, viewer: Viewer, id: string, on: boolean): Promise<{ id: string; liked: boolean; likeCount: number }> {
  await loadComment(ctx, id);
  const comments = commentsRepository(ctx.em);
  if (on) await comments.like(id, viewer.id);
  else await comments.unlike(id, viewer.id);
  return { id, liked: on, likeCount: await comments.likeCount(id) };
}

/** Pins one top-level comment of my track (null: unpins). */
export async function pin(ctx: Ctx, viewer: Viewer, trackId: string, commentId: string | null): Promise<{ trackId: string; pinnedCommentId: string | null }> {
  const track = await visibleTrack(ctx, trackId);
  if (track.owner.id !== viewer.id) throw forbidden("Only the track's owner can pin a comment.");
  if (commentId) {
    const { comment } = await loadThreadComment(ctx, track, commentId);
    if (comment.parent) throw new DomainError('BAD_REQUEST', 'Only a comment, not a reply, can be pinned.', undefined, 'reply');
  }
  track.pinnedCommentId = commentId;
  await ctx.em.flush();
  return { trackId, pinnedCommentId: commentId };
}
