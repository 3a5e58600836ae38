// Timed comments of the mock back end (issue 11; the API's comments/comments.service.ts): comments at a moment of a
// track, replies one level deep (a reply to a reply joins its thread), @mentions, likes, edit (the author), delete (the
// author, the track's owner, moderators; replies go too), one comment pinned by the track's owner, comments off per
// track, the waveform's timeline, with the API's refusals and reasons. The store follows the mock database (a fresh
// one on `resetMockDb()`), seeded from comments-seed.ts; `commentsMock` holds the hooks for stories and tests.
import type { CommentDto, ThreadCommentDto, TimelineCommentDto, UserSummaryDto } from '@veza/api';
import { delay, type RequestHandler } from 'msw';
import { state as chatState } from './chat-mock-state.ts';
import { COMMENT_SEEDS, PINNED_SEEDS } from './comments-seed.ts';
import { db, findVisibleTrack, viewer } from './db.ts';
import type { MockUser } from './fixtures.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

/** As COMMENT_MAX_LENGTH in @veza/validators. */
export const MOCK_COMMENT_MAX_LENGTH = 1000;
/** Replies shown under each comment of the thread (comments.service REPLIES_SHOWN). */
const REPLIES_SHOWN = 3;
const TIMELINE_MAX = 200;
const HOUR = 3_600_000;

interface MockComment {
  id: string;
  trackId: string;
  parentId: string | null;
  authorId: string;
  atMs: number;
  body: string;
  createdAt: string;
  editedAt: string | null;
  /** Who likes it (user ids), besides `otherLikes` people the mock does not list. */
  likes: Set<string>;
  otherLikes: number;
}

interface CommentsState {
  comments: MockComment[];
  /** trackId → the pinned comment's id. */
  pinned: Map<string, string>;
}

function seed(users: MockUser[]): CommentsState {
  const byName = (username: string) => users.find((u) => u.username === username);
  const now = Date.now();
  const comments = COMMENT_SEEDS.flatMap((s): MockComment[] => {
    const author = byName(s.author);
    if (!author) return [];
    const likes = new Set(s.likedBy.flatMap((name) => byName(name)?.id ?? []));
    return [{ id: s.id, trackId: s.trackId, parentId: s.parentId, authorId: author.id, atMs: s.atMs, body: s.body, createdAt: new Date(now - s.hoursAgo * HOUR).toISOString(), editedAt: null, likes, otherLikes: s.otherLikes }];
  });
  return { comments, pinned: new Map(Object.entries(PINNED_SEEDS)) };
}

// Like the chat's: `resetMockDb()` replaces `db.users`, which starts a fresh store.
const states = new WeakMap<MockUser[], CommentsState>();
function state(): CommentsState {
  let s = states.get(db.users);
  if (!s) {
    s = seed(db.users);
    states.set(db.users, s);
  }
  return s;
}

const summary = (u: MockUser): UserSummaryDto => ({ id: u.id, username: u.username, displayName: u.displayName });
const userById = (id: string) => db.users.find((u) => u.id === id);
const trackOf = (trackId: string) => db.tracks.find((t) => t.id === trackId);
const refusal = (code: MockTrpcError['code'], message: string, reason: string, fieldErrors: MockTrpcError['fieldErrors'] = null) =>
  Object.assign(new MockTrpcError(code, message, fieldErrors), { reason });

function requireViewer() {
  const user = viewer();
  if (!user) throw new MockTrpcError('UNAUTHORIZED', 'Please sign in to continue.');
  return user;
}

/** A track the viewer may see, as the API's `visibleTrack` (NOT_FOUND otherwise). */
function visibleTrack(trackId: string) {
  const track = findVisibleTrack(trackId);
  if (!track) throw new MockTrpcError('NOT_FOUND', 'Track not found.');
  return track;
}

/** A comment on a track the viewer may see (NOT_FOUND otherwise, as for the track itself). */
function loadComment(id: string) {
  const comment = state().comments.find((c) => c.id === id);
  const track = comment ? findVisibleTrack(comment.trackId) : undefined;
  if (!comment || !track) throw new MockTrpcError('NOT_FOUND', 'Comment not found.');
  return { comment, track };
}

/** The usernames `@mentioned` in a body (chat/mentions.ts `parseMentions`, without the code and link rules). */
export function mentionedNames(body: string): string[] {
  const names = new Set<string>();
  for (const match of body.matchAll(/(?<![\p{L}\p{N}_.@/-])@([\p{L}\p{N}][\p{L}\p{N}_.-]*)/gu)) {
    const raw = (match[1] ?? '').toLowerCase();
    for (const name of [raw, raw.replace(/[._-]+$/, '')]) if (name.length >= 3 && name.length <= 30) names.add(name);
  }
  return [...names];
}

const isModerator = (user: MockUser | null) => user?.role === 'moderator' || user?.role === 'admin';
const mayDelete = (user: MockUser | null, comment: MockComment, ownerId: string) => user !== null && (comment.authorId === user.id || ownerId === user.id || isModerator(user));
const replyCountOf = (id: string) => state().comments.filter((c) => c.parentId === id).length;

function toDto(c: MockComment): CommentDto {
  const me = viewer();
  const author = userById(c.authorId);
  const ownerId = trackOf(c.trackId)?.owner.id ?? '';
  return {
    id: c.id,
    trackId: c.trackId,
    parentId: c.parentId,
    author: author ? summary(author) : { id: c.authorId, username: 'unknown', displayName: null },
    atMs: c.atMs,
    body: c.body,
    mentions: mentionedNames(c.body).flatMap((name) => {
      const user = db.users.find((u) => u.username === name);
      return user ? [summary(user)] : [];
    }),
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    likeCount: c.otherLikes + c.likes.size,
    likedByMe: me !== null && c.likes.has(me.id),
    replyCount: replyCountOf(c.id),
    pinned: state().pinned.get(c.trackId) === c.id,
    canEdit: me?.id === c.authorId,
    canDelete: mayDelete(me, c, ownerId),
  };
}

const newestFirst = (a: MockComment, b: MockComment) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
const oldestFirst = (a: MockComment, b: MockComment) => -newestFirst(a, b);

/** A comment with its newest replies, oldest first among them. */
function toThread(c: MockComment): ThreadCommentDto {
  const replies = state().comments.filter((r) => r.parentId === c.id).sort(newestFirst).slice(0, REPLIES_SHOWN).reverse();
  return { ...toDto(c), replies: replies.map(toDto) };
}

/** Keyset paging as the API's: the cursor names the last row given (its date and id). */
const cursorOf = (c: MockComment) => `${c.createdAt}|${c.id}`;
function pageOf(rows: MockComment[], order: (a: MockComment, b: MockComment) => number, cursor: string | null | undefined, limit: number) {
  const sorted = [...rows].sort(order);
  let start = 0;
  if (cursor) {
    const [createdAt = '', id = ''] = cursor.split('|');
    const marker = { createdAt, id } as MockComment;
    start = sorted.findIndex((c) => order(c, marker) > 0);
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + limit);
  const last = page.at(-1);
  return { page, nextCursor: start + limit < sorted.length && last ? cursorOf(last) : null };
}

/** Who blocks whom, either way, between `userId` and any of `others` (the chat mock's blocks). */
const blockedWith = (userId: string, others: string[]) =>
  chatState().blocks.some((b) => (b.by === userId && others.includes(b.of)) || (b.of === userId && others.includes(b.by)));

/** Why `user` may not comment on this track (or reply to `replyToAuthorId`), or null when they may. */
function refusalFor(user: MockUser, track: { commentsEnabled: boolean; owner: { id: string } }, replyToAuthorId?: string) {
  if (!track.commentsEnabled) return refusal('FORBIDDEN', 'Comments are turned off for this track.', 'comments_off');
  const others = [track.owner.id, replyToAuthorId].filter((id): id is string => id !== undefined && id !== user.id);
  if (others.length > 0 && blockedWith(user.id, others)) return refusal('FORBIDDEN', 'You cannot comment here.', 'blocked');
  return null;
}

/** The body as the API's schema takes it (trimmed, 1..1,000 characters), or BAD_REQUEST with the field's message. */
function checkedBody(raw: unknown): string {
  const body = typeof raw === 'string' ? raw.trim().replace(/\r\n?/g, '\n') : '';
  const bad = (message: string) => new MockTrpcError('BAD_REQUEST', message, { body: [message] });
  if (typeof raw !== 'string') throw bad('Comment must be text.');
  if (body.length === 0) throw bad('Write something first.');
  if (body.length > MOCK_COMMENT_MAX_LENGTH) throw bad(`Comments must be at most ${MOCK_COMMENT_MAX_LENGTH.toLocaleString('en')} characters.`);
  return body;
}

function setCount(trackId: string) {
  const track = trackOf(trackId);
  if (track) track.commentCount = state().comments.filter((c) => c.trackId === trackId).length;
}

export const commentsMock = {
  /** `count` more comments on the track by marc.dubois, one a minute before the other (for paging). */
  many(trackId: string, count: number) {
    const author = db.users.find((u) => u.username === 'marc.dubois')!;
    const start = Date.now() - 100 * HOUR;
    for (let n = 1; n <= count; n++) {
      state().comments.push({
        id: `c3e00000-0000-4000-9000-${String(n).padStart(12, '0')}`,
        trackId,
        parentId: null,
        authorId: author.id,
        atMs: (n * 7_000) % ((trackOf(trackId)?.durationMs ?? 60_000) || 60_000),
        body: `Comment number ${n}`,
        createdAt: new Date(start - n * 60_000).toISOString(),
        editedAt: null,
        likes: new Set(),
        otherLikes: 0,
      });
    }
    setCount(trackId);
  },
  /** `count` more replies to a comment by lea_m, a minute apart (for "View more replies"). */
  manyReplies(commentId: string, count: number) {
    const parent = state().comments.find((c) => c.id === commentId)!;
    const author = db.users.find((u) => u.username === 'lea_m')!;
    const start = Date.parse(parent.createdAt) + 60_000;
    for (let n = 1; n <= count; n++) {
      state().comments.push({
        id: `c3e00000-0000-4000-a000-${String(n).padStart(12, '0')}`,
        trackId: parent.trackId,
        parentId: parent.id,
        authorId: author.id,
        atMs: parent.atMs,
        body: `Reply number ${n}`,
        createdAt: new Date(start + n * 60_000).toISOString(),
        editedAt: null,
        likes: new Set(),
        otherLikes: 0,
      });
    }
    setCount(parent.trackId);
  },
  /** No comments on the track (an empty thread). */
  clear(trackId: string) {
    const s = state();
    s.comments = s.comments.filter((c) => c.trackId !== trackId);
    s.pinned.delete(trackId);
    setCount(trackId);
  },
  /** The track's owner turns comments off (or on) elsewhere. */
  setEnabled(trackId: string, enabled: boolean) {
    const track = trackOf(trackId);
    if (track) track.commentsEnabled = enabled;
  },
  /** The comments of a track as stored (tests). */
  of: (trackId: string) => state().comments.filter((c) => c.trackId === trackId).map((c) => ({ id: c.id, parentId: c.parentId, body: c.body, atMs: c.atMs })),
  pinnedOf: (trackId: string) => state().pinned.get(trackId) ?? null,
};

export const commentsHandlers: RequestHandler[] = [
  trpcMsw.comments.list.query(async ({ input }) => {
    await delay();
    const track = visibleTrack(input.trackId);
    const s = state();
    const top = s.comments.filter((c) => c.trackId === track.id && c.parentId === null);
    const { page, nextCursor } = pageOf(top, newestFirst, input.cursor, input.limit ?? 20);
    const pinnedId = s.pinned.get(track.id);
    const pinned = !input.cursor && pinnedId ? top.find((c) => c.id === pinnedId) : undefined;
    const me = viewer();
    return {
      items: page.map(toThread),
      nextCursor,
      total: s.comments.filter((c) => c.trackId === track.id).length,
      commentsEnabled: track.commentsEnabled,
      pinned: pinned ? toThread(pinned) : null,
      canComment: me !== null && refusalFor(me, track) === null,
    };
  }),
  trpcMsw.comments.replies.query(async ({ input }) => {
    await delay();
    const { comment } = loadComment(input.commentId);
    const replies = state().comments.filter((c) => c.parentId === comment.id);
    const { page, nextCursor } = pageOf(replies, oldestFirst, input.cursor, input.limit ?? 50);
    return { items: page.map(toDto), nextCursor };
  }),
  trpcMsw.comments.timeline.query(async ({ input }) => {
    await delay();
    const track = visibleTrack(input.trackId);
    const top = state().comments.filter((c) => c.trackId === track.id && c.parentId === null);
    const liked = top.sort((a, b) => b.otherLikes + b.likes.size - (a.otherLikes + a.likes.size) || newestFirst(a, b)).slice(0, TIMELINE_MAX);
    const items: TimelineCommentDto[] = liked.map((c) => {
      const author = userById(c.authorId);
      return {
        id: c.id,
        atMs: c.atMs,
        author: author ? summary(author) : { id: c.authorId, username: 'unknown', displayName: null },
        excerpt: c.body.length > 140 ? `${c.body.slice(0, 139)}…` : c.body,
      };
    });
    return { items: items.sort((a, b) => a.atMs - b.atMs) };
  }),
  trpcMsw.comments.create.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const body = checkedBody(input.body);
    const track = visibleTrack(input.trackId);
    if (input.parentId === undefined) {
      if (input.atMs === undefined) throw new MockTrpcError('BAD_REQUEST', 'Say where in the track the comment goes.', { atMs: ['Say where in the track the comment goes.'] });
      if (!Number.isInteger(input.atMs) || input.atMs < 0) throw new MockTrpcError('BAD_REQUEST', 'The moment cannot be before the start.', { atMs: ['The moment cannot be before the start.'] });
    }
    const s = state();
    // A reply to a reply joins its thread: replies are one level deep.
    const replied = input.parentId ? s.comments.find((c) => c.id === input.parentId && c.trackId === track.id) : undefined;
    if (input.parentId && !replied) throw new MockTrpcError('NOT_FOUND', 'Comment not found.');
    const parent = replied?.parentId ? s.comments.find((c) => c.id === replied.parentId) : replied;
    const refused = refusalFor(user, track, replied?.authorId);
    if (refused) throw refused;
    const atMs = parent ? parent.atMs : input.atMs!;
    if (track.durationMs != null && atMs > track.durationMs) {
      throw refusal('BAD_REQUEST', 'This moment is past the end of the track.', 'past_end', { atMs: ['Past the end of the track.'] });
    }
    const comment: MockComment = {
      id: crypto.randomUUID(),
      trackId: track.id,
      parentId: parent?.id ?? null,
      authorId: user.id,
      atMs,
      body,
      createdAt: new Date().toISOString(),
      editedAt: null,
      likes: new Set(),
      otherLikes: 0,
    };
    s.comments.push(comment);
    setCount(track.id);
    return toDto(comment);
  }),
  trpcMsw.comments.edit.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const body = checkedBody(input.body);
    const { comment } = loadComment(input.id);
    if (comment.authorId !== user.id) throw new MockTrpcError('FORBIDDEN', 'Only its author can edit a comment.');
    if (comment.body !== body) {
      comment.body = body;
      comment.editedAt = new Date().toISOString();
    }
    return toDto(comment);
  }),
  trpcMsw.comments.delete.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const { comment, track } = loadComment(input.id);
    if (!mayDelete(user, comment, track.owner.id)) throw new MockTrpcError('FORBIDDEN', "Only its author, the track's owner or a moderator can delete a comment.");
    const s = state();
    s.comments = s.comments.filter((c) => c.id !== comment.id && c.parentId !== comment.id);
    if (s.pinned.get(track.id) === comment.id) s.pinned.delete(track.id);
    setCount(track.id);
    return { id: comment.id, total: track.commentCount };
  }),
  ...(['like', 'unlike'] as const).map((action) =>
    trpcMsw.comments[action].mutation(async ({ input }) => {
      await delay();
      const user = requireViewer();
      const { comment } = loadComment(input.id);
      if (action === 'like') comment.likes.add(user.id);
      else comment.likes.delete(user.id);
      return { id: comment.id, liked: action === 'like', likeCount: comment.otherLikes + comment.likes.size };
    }),
  ),
  trpcMsw.comments.pin.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const track = visibleTrack(input.trackId);
    if (track.owner.id !== user.id) throw new MockTrpcError('FORBIDDEN', "Only the track's owner can pin a comment.");
    const s = state();
    if (input.commentId) {
      const comment = s.comments.find((c) => c.id === input.commentId && c.trackId === track.id);
      if (!comment) throw new MockTrpcError('NOT_FOUND', 'Comment not found.');
      if (comment.parentId) throw refusal('BAD_REQUEST', 'Only a comment, not a reply, can be pinned.', 'reply');
      s.pinned.set(track.id, comment.id);
    } else s.pinned.delete(track.id);
    return { trackId: track.id, pinnedCommentId: input.commentId };
  }),
];
