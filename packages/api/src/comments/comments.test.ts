// Timed comments (issue 11) through tRPC callers on the real database (PGlite, or PostgreSQL when DATABASE_URL is
// set): comments at a moment, replies one level deep, mentions, likes, edit, delete by author / owner / moderator,
// pin, comments off, the waveform's timeline, notifications, and every refusal changing nothing.
import { Notification, TrackComment, Track, User } from '@veza/db';
import { COMMENT_MAX_LENGTH } from '@veza/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, trpcError, type Account, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'cm');
/** A ready track of 3 minutes. */
async function track(owner: Account) {
  const { id } = await h.upload(owner.token, undefined, { title: 'Night Drive' });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready', durationMs: 180_000 });
  return id;
}
const fresh = (who: Account) => h.caller({ token: who.token });
const commentRows = (trackId: string) => h.db.fork().count(TrackComment, { track: trackId });
/** The comment notification groups of `who`: each one's latest actors, newest first. */
const notices = async (who: Account) => (await h.db.fork().find(Notification, { recipient: who.user.id, type: 'comment.new' }, { orderBy: { id: 'asc' } })).map((x) => x.actorIds);

describe('comments', () => {
  it('comments at a moment, replies in one level, mentions, and shows them on the thread and along the track', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const id = await track(ana);
    const first = await bob.api.comments.create({ trackId: id, atMs: 62_000, body: `That drop! @${cat.user.username} listen` });
    expect(first).toMatchObject({
      trackId: id,
      parentId: null,
      atMs: 62_000,
      author: { username: bob.user.username },
      mentions: [{ username: cat.user.username }],
      likeCount: 0,
      replyCount: 0,
      pinned: false,
      canEdit: true,
      canDelete: true,
    });
    const reply = await ana.api.comments.create({ trackId: id, parentId: first.id, body: 'Thanks!' });
    expect(reply).toMatchObject({ parentId: first.id, atMs: 62_000, canEdit: true, canDelete: true });
    // A reply to a reply joins the thread.
    const nested = await cat.api.comments.create({ trackId: id, parentId: reply.id, body: 'Agreed', atMs: 5 });
    expect(nested).toMatchObject({ parentId: first.id, atMs: 62_000 });
    await cat.api.comments.create({ trackId: id, atMs: 10_000, body: 'Nice intro' });

    const page = await (await h.caller()).comments.list({ trackId: id });
    expect(page).toMatchObject({ total: 4, commentsEnabled: true, pinned: null, canComment: false, nextCursor: null });
    expect(page.items.map((c) => [c.body, c.replyCount, c.replies.map((r) => r.body)])).toEqual([
      ['Nice intro', 0, []],
      [`That drop! @${cat.user.username} listen`, 2, ['Thanks!', 'Agreed']],
    ]);
    expect(page.items[1]).toMatchObject({ canEdit: false, canDelete: false });
    expect((await bob.api.comments.list({ trackId: id })).canComment).toBe(true);
    expect((await (await h.caller()).comments.timeline({ trackId: id })).items.map((c) => [c.atMs, c.author.username])).toEqual([
      [10_000, cat.user.username],
      [62_000, bob.user.username],
    ]);
    expect((await bob.api.comments.replies({ commentId: first.id })).items.map((r) => r.body)).toEqual(['Thanks!', 'Agreed']);
    expect((await (await fresh(bob)).tracks.byId({ id })).commentCount).toBe(4);

    // The owner hears of comments on the track, an author of replies in their thread, the mentioned of mentions;
    // nobody of their own.
    // Grouped per subject while unread: ana's track (bob, then cat twice), bob's comment (ana's and cat's replies), cat's mention.
    expect(await notices(ana)).toEqual([[cat.user.id, bob.user.id]]);
    expect(await notices(bob)).toEqual([[cat.user.id, ana.user.id]]);
    expect(await notices(cat)).toEqual([[bob.user.id]]);
  });

  it('likes, edits (author), pins (owner) and deletes (author, owner, moderator) with the counts following', async () => {
    const [ana, bob, cat, mod] = await people('ana', 'bob', 'cat', 'mod');
    await h.db.fork().nativeUpdate(User, { id: mod.user.id }, { role: 'moderator' });
    await h.usersChanged(mod.user.id);
    const id = await track(ana);
    const c1 = await bob.api.comments.create({ trackId: id, atMs: 1_000, body: 'one' });
    const c2 = await cat.api.comments.create({ trackId: id, atMs: 2_000, body: 'two' });
    await ana.api.comments.create({ trackId: id, parentId: c1.id, body: 'reply' });

    expect(await cat.api.comments.like({ id: c1.id })).toEqual({ id: c1.id, liked: true, likeCount: 1 });
    expect(await cat.api.comments.like({ id: c1.id })).toMatchObject({ likeCount: 1 });
    expect((await (await fresh(cat)).comments.list({ trackId: id })).items.find((c) => c.id === c1.id)).toMatchObject({ likedByMe: true, likeCount: 1 });
    expect(await cat.api.comments.unlike({ id: c1.id })).toMatchObject({ liked: false, likeCount: 0 });

    expect(await bob.api.comments.edit({ id: c1.id, body: 'one, edited' })).toMatchObject({ body: 'one, edited', editedAt: expect.any(String) });
    expect(await trpcError(() => ana.api.comments.edit({ id: c1.id, body: 'owner edit' }))).toMatchObject({ code: 'FORBIDDEN' });

    expect(await ana.api.comments.pin({ trackId: id, commentId: c2.id })).toEqual({ trackId: id, pinnedCommentId: c2.id });
    const pinned = await (await fresh(bob)).comments.list({ trackId: id });
    expect(pinned.pinned).toMatchObject({ id: c2.id, pinned: true });
    // Also in its place in the list (marked), so paging stays simple.
    expect(pinned.items.map((c) => [c.id, c.pinned])).toEqual([[c2.id, true], [c1.id, false]]);
    expect(await trpcError(() => bob.api.comments.pin({ trackId: id, commentId: c1.id }))).toMatchObject({ code: 'FORBIDDEN' });

    // Someone else deletes nothing; the author, the owner and a moderator do (a comment goes with its replies).
    expect(await trpcError(() => cat.api.comments.delete({ id: c1.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await ana.api.comments.delete({ id: c1.id })).toEqual({ id: c1.id, total: 1 });
    expect(await (await fresh(mod)).comments.delete({ id: c2.id })).toEqual({ id: c2.id, total: 0 });
    expect(await commentRows(id)).toBe(0);
    expect((await (await fresh(ana)).comments.list({ trackId: id })).pinned).toBeNull();
    const mine = await cat.api.comments.create({ trackId: id, atMs: 3_000, body: 'mine' });
    expect(await cat.api.comments.delete({ id: mine.id })).toMatchObject({ total: 0 });
  });

  it('refuses comments off, past the end, too long, across a block, unseen tracks and bad input, changing nothing', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const id = await track(ana);
    const kept = await cat.api.comments.create({ trackId: id, atMs: 0, body: 'first' });
    const before = await commentRows(id);

    expect(await trpcError(() => bob.api.comments.create({ trackId: id, atMs: 180_001, body: 'too far' }))).toMatchObject({ code: 'BAD_REQUEST', message: 'This moment is past the end of the track.', cause: { reason: 'past_end' } });
    const long = await trpcError(() => bob.api.comments.create({ trackId: id, atMs: 0, body: 'x'.repeat(COMMENT_MAX_LENGTH + 1) }));
    expect(long).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Comments must be at most 1,000 characters.') });
    expect(await bob.api.comments.create({ trackId: id, atMs: 0, body: 'x'.repeat(COMMENT_MAX_LENGTH) })).toMatchObject({ atMs: 0 });
    await bob.api.comments.delete({ id: (await bob.api.comments.list({ trackId: id })).items[0]!.id });
    for (const bad of [
      { trackId: id, body: 'no moment' },
      { trackId: id, atMs: -1, body: 'negative' },
      { trackId: id, atMs: 1.5, body: 'fraction' },
      { trackId: id, atMs: 0, body: '   ' },
      { trackId: id, atMs: 0, body: 42 },
      { trackId: 'nope', atMs: 0, body: 'x' },
    ]) {
      expect(await trpcError(() => bob.api.comments.create(bad as never))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await trpcError(() => bob.api.comments.create({ trackId: id, parentId: crypto.randomUUID(), body: 'to nothing' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(async () => (await h.caller()).comments.create({ trackId: id, atMs: 0, body: 'anonymous' }))).toMatchObject({ code: 'UNAUTHORIZED' });

    await ana.api.users.block({ username: bob.user.username });
    expect(await trpcError(() => bob.api.comments.create({ trackId: id, atMs: 0, body: 'blocked' }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'blocked' } });
    await ana.api.users.unblock({ username: bob.user.username });
    await cat.api.users.block({ username: bob.user.username });
    expect(await trpcError(() => bob.api.comments.create({ trackId: id, parentId: kept.id, body: 'reply to a blocker' }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'blocked' } });

    await ana.api.tracks.update({ id, commentsEnabled: false });
    const off = await trpcError(() => (fresh(bob) as Promise<Awaited<ReturnType<typeof fresh>>>).then((api) => api.comments.create({ trackId: id, atMs: 0, body: 'off' })));
    expect(off).toMatchObject({ code: 'FORBIDDEN', message: 'Comments are turned off for this track.', cause: { reason: 'comments_off' } });
    expect(await (await fresh(bob)).comments.list({ trackId: id })).toMatchObject({ commentsEnabled: false, canComment: false, total: 1 });

    await ana.api.tracks.update({ id, visibility: 'private' });
    expect(await trpcError(async () => (await fresh(bob)).comments.list({ trackId: id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(async () => (await fresh(bob)).comments.replies({ commentId: kept.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(async () => (await fresh(bob)).comments.like({ id: kept.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await commentRows(id)).toBe(before);
  });
});
