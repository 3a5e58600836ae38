import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@veza/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { state as chatState } from './chat-mock-state.ts';
import { commentsMock } from './comments-handlers.ts';
import { MOCK_COMMENTS } from './comments-seed.ts';
import { db, resetMockDb } from './db.ts';
import { fixtures } from './fixtures.ts';
import { server } from './node.ts';

const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: 'http://localhost/trpc' })] });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  resetMockDb();
});
afterAll(() => server.close());

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) return (error as TRPCClientError<AppRouter>).data as { code: string; reason?: string; fieldErrors?: Record<string, string[]> } | undefined;
  }
  throw new Error('expected a tRPC error');
};

const NIGHT_DRIVE = fixtures.tracks[0]!; // ana's, 3:21
const PRIVATE_DEMO = fixtures.tracks[7]!; // ana's, private

describe('mock timed comments', () => {
  it('lists the seeded thread newest first, the pinned one apart and in its place, with replies and mentions', async () => {
    const page = await api.comments.list.query({ trackId: NIGHT_DRIVE.id });
    expect(page).toMatchObject({ total: 6, commentsEnabled: true, canComment: false, nextCursor: null, pinned: { id: MOCK_COMMENTS.pinned, pinned: true } });
    expect(page.items.map((c) => [c.id, c.pinned, c.replyCount])).toEqual([
      [MOCK_COMMENTS.newest, false, 0],
      [MOCK_COMMENTS.byAna, false, 0],
      [MOCK_COMMENTS.withReplies, false, 2],
      [MOCK_COMMENTS.pinned, true, 0],
    ]);
    const thread = page.items[2]!;
    expect(thread.mentions.map((u) => u.username)).toEqual(['marc.dubois']);
    expect(thread.replies.map((r) => [r.author.username, r.parentId])).toEqual([['ana', thread.id], ['marc.dubois', thread.id]]);
    expect(thread).toMatchObject({ canEdit: false, canDelete: false, likedByMe: false, likeCount: 2 });
    expect(db.tracks[0]!.commentCount).toBe(6);
    expect((await api.tracks.byId.query({ id: NIGHT_DRIVE.id })).commentCount).toBe(6);
  });

  it('says what the viewer may do: author edits, owner and author delete, signed-in people comment', async () => {
    resetMockDb({ signedInAs: 'ana' });
    const page = await api.comments.list.query({ trackId: NIGHT_DRIVE.id });
    expect(page.canComment).toBe(true);
    expect(page.items.map((c) => [c.author.username, c.canEdit, c.canDelete])).toEqual([
      ['marc.dubois', false, true],
      ['ana', true, true],
      ['lea_m', false, true],
      ['marc.dubois', false, true],
    ]);
    resetMockDb({ signedInAs: 'lea_m' });
    const lea = await api.comments.list.query({ trackId: NIGHT_DRIVE.id });
    expect(lea.items.map((c) => [c.canEdit, c.canDelete])).toEqual([[false, false], [false, false], [true, true], [false, false]]);
    expect(lea.items[3]!.likedByMe).toBe(true);
  });

  it('comments at a moment, replies in one level (a reply to a reply joins the thread), and puts them on the timeline', async () => {
    resetMockDb({ signedInAs: 'lea_m' });
    const first = await api.comments.create.mutate({ trackId: NIGHT_DRIVE.id, atMs: 30_000, body: '  Hello @ana and @nobody  ' });
    expect(first).toMatchObject({ parentId: null, atMs: 30_000, body: 'Hello @ana and @nobody', canEdit: true, canDelete: true, replyCount: 0 });
    expect(first.mentions.map((u) => u.username)).toEqual(['ana']);
    const reply = await api.comments.create.mutate({ trackId: NIGHT_DRIVE.id, parentId: MOCK_COMMENTS.replyByAna, body: 'Joining in' });
    expect(reply).toMatchObject({ parentId: MOCK_COMMENTS.withReplies, atMs: 62_000 });
    const page = await api.comments.list.query({ trackId: NIGHT_DRIVE.id });
    expect(page.total).toBe(8);
    expect(page.items[0]!.id).toBe(first.id);
    expect(page.items.find((c) => c.id === MOCK_COMMENTS.withReplies)).toMatchObject({ replyCount: 3 });
    const timeline = await api.comments.timeline.query({ trackId: NIGHT_DRIVE.id });
    expect(timeline.items.map((c) => c.atMs)).toEqual([12_000, 30_000, 62_000, 95_000, 150_000]);
    expect((await api.comments.replies.query({ commentId: MOCK_COMMENTS.withReplies })).items.map((r) => r.body)).toEqual(['Thanks! Recorded it in one take.', '@lea_m agreed, the bass is huge.', 'Joining in']);
  });

  it('pages the thread and the replies without repeating anyone', async () => {
    commentsMock.many(NIGHT_DRIVE.id, 25);
    const first = await api.comments.list.query({ trackId: NIGHT_DRIVE.id, limit: 20 });
    expect(first.items).toHaveLength(20);
    const second = await api.comments.list.query({ trackId: NIGHT_DRIVE.id, limit: 20, cursor: first.nextCursor });
    expect(second.pinned).toBeNull();
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((c) => c.id);
    expect(new Set(ids).size).toBe(29);

    commentsMock.manyReplies(MOCK_COMMENTS.pinned, 5);
    const shown = (await api.comments.list.query({ trackId: NIGHT_DRIVE.id })).pinned!;
    expect(shown.replyCount).toBe(5);
    expect(shown.replies.map((r) => r.body)).toEqual(['Reply number 3', 'Reply number 4', 'Reply number 5']);
    const replies = await api.comments.replies.query({ commentId: MOCK_COMMENTS.pinned, limit: 2 });
    const rest = await api.comments.replies.query({ commentId: MOCK_COMMENTS.pinned, limit: 10, cursor: replies.nextCursor });
    expect([...replies.items, ...rest.items].map((r) => r.body)).toEqual(['Reply number 1', 'Reply number 2', 'Reply number 3', 'Reply number 4', 'Reply number 5']);
  });

  it('likes (idempotent) and unlikes, edits (author only), pins (owner only) and deletes with the replies', async () => {
    resetMockDb({ signedInAs: 'lea_m' });
    expect(await api.comments.like.mutate({ id: MOCK_COMMENTS.byAna })).toEqual({ id: MOCK_COMMENTS.byAna, liked: true, likeCount: 3 });
    expect(await api.comments.like.mutate({ id: MOCK_COMMENTS.byAna })).toMatchObject({ likeCount: 3 });
    expect(await api.comments.unlike.mutate({ id: MOCK_COMMENTS.byAna })).toMatchObject({ liked: false, likeCount: 2 });
    expect(await api.comments.edit.mutate({ id: MOCK_COMMENTS.withReplies, body: 'That drop!!' })).toMatchObject({ body: 'That drop!!', editedAt: expect.any(String) });
    expect(await errorOf(api.comments.edit.mutate({ id: MOCK_COMMENTS.byAna, body: 'mine now' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(api.comments.pin.mutate({ trackId: NIGHT_DRIVE.id, commentId: MOCK_COMMENTS.withReplies }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(api.comments.delete.mutate({ id: MOCK_COMMENTS.byAna }))).toMatchObject({ code: 'FORBIDDEN' });

    resetMockDb({ signedInAs: 'ana' });
    expect(await api.comments.pin.mutate({ trackId: NIGHT_DRIVE.id, commentId: MOCK_COMMENTS.withReplies })).toEqual({ trackId: NIGHT_DRIVE.id, pinnedCommentId: MOCK_COMMENTS.withReplies });
    expect(await errorOf(api.comments.pin.mutate({ trackId: NIGHT_DRIVE.id, commentId: MOCK_COMMENTS.replyByMarc }))).toMatchObject({ code: 'BAD_REQUEST', reason: 'reply' });
    expect((await api.comments.list.query({ trackId: NIGHT_DRIVE.id })).pinned?.id).toBe(MOCK_COMMENTS.withReplies);
    // The owner deletes someone else's comment, its replies with it; the pin goes too.
    expect(await api.comments.delete.mutate({ id: MOCK_COMMENTS.withReplies })).toEqual({ id: MOCK_COMMENTS.withReplies, total: 3 });
    expect(commentsMock.pinnedOf(NIGHT_DRIVE.id)).toBeNull();
    expect(await api.comments.pin.mutate({ trackId: NIGHT_DRIVE.id, commentId: null })).toMatchObject({ pinnedCommentId: null });
    expect((await api.tracks.byId.query({ id: NIGHT_DRIVE.id })).commentCount).toBe(3);
  });

  it("refuses as the API does: comments off, past the end, too long, empty, blocks, unseen tracks, signed out — changing nothing", async () => {
    const before = commentsMock.of(NIGHT_DRIVE.id);
    expect(await errorOf(api.comments.create.mutate({ trackId: NIGHT_DRIVE.id, atMs: 0, body: 'anonymous' }))).toMatchObject({ code: 'UNAUTHORIZED' });
    resetMockDb({ signedInAs: 'lea_m' });
    expect(await errorOf(api.comments.create.mutate({ trackId: NIGHT_DRIVE.id, atMs: 201_001, body: 'too far' }))).toMatchObject({ code: 'BAD_REQUEST', reason: 'past_end' });
    expect(await errorOf(api.comments.create.mutate({ trackId: NIGHT_DRIVE.id, atMs: 0, body: 'x'.repeat(1001) }))).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { body: ['Comments must be at most 1,000 characters.'] } });
    expect(await errorOf(api.comments.create.mutate({ trackId: NIGHT_DRIVE.id, atMs: 0, body: '   ' }))).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { body: ['Write something first.'] } });
    expect(await errorOf(api.comments.create.mutate({ trackId: NIGHT_DRIVE.id, body: 'no moment' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await errorOf(api.comments.create.mutate({ trackId: PRIVATE_DEMO.id, atMs: 0, body: 'hidden' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorOf(api.comments.list.query({ trackId: PRIVATE_DEMO.id }))).toMatchObject({ code: 'NOT_FOUND' });

    chatState().blocks.push({ by: fixtures.ana.id, of: fixtures.lea.id, createdAt: new Date().toISOString() });
    expect(await errorOf(api.comments.create.mutate({ trackId: NIGHT_DRIVE.id, atMs: 0, body: 'blocked' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'blocked' });
    expect((await api.comments.list.query({ trackId: NIGHT_DRIVE.id })).canComment).toBe(false);
    chatState().blocks.length = 0;

    resetMockDb({ signedInAs: 'ana' });
    expect(await api.tracks.update.mutate({ id: NIGHT_DRIVE.id, commentsEnabled: false })).toMatchObject({ commentsEnabled: false });
    resetMockDb({ signedInAs: 'lea_m' });
    commentsMock.setEnabled(NIGHT_DRIVE.id, false);
    expect(await errorOf(api.comments.create.mutate({ trackId: NIGHT_DRIVE.id, atMs: 0, body: 'off' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'comments_off' });
    expect(await api.comments.list.query({ trackId: NIGHT_DRIVE.id })).toMatchObject({ commentsEnabled: false, canComment: false, total: 6 });
    expect(commentsMock.of(NIGHT_DRIVE.id)).toEqual(before);
  });
});
