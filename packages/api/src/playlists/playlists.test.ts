// Playlists (issue 11), through tRPC callers on the real database (PGlite, or PostgreSQL when DATABASE_URL is set):
// create/edit/delete, adding and ordering (fractional keys, concurrent moves), collaborators and their live view,
// likes and reposts, who sees what (private playlists, private tracks, private profiles), and every refusal changing
// nothing.
import type { TrackedEnvelope } from '@trpc/server';
import { Notification, Playlist, PlaylistCollaborator, PlaylistTrack, Track } from '@veza/db';
import { PLAYLIST_TITLE_MAX, PLAYLIST_TRACKS_MAX } from '@veza/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, trpcError, type Account, type Harness } from '../test/harness.ts';
import type { PlaylistChangeEvent } from './playlists.dto.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'pl');
async function readyTrack(owner: Account, title: string, durationMs = 60_000) {
  const { id } = await h.upload(owner.token, undefined, { title });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready', durationMs });
  return id;
}
const titles = async (who: Account, id: string) => (await who.api.playlists.byId({ id })).items.map((i) => i.track.title);
const rows = (id: string) => h.db.fork().count(PlaylistTrack, { playlist: id });

describe('playlists: create, edit, delete', () => {
  it('creates a playlist with tracks in order, totals what is in it, edits it and deletes it', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const one = await readyTrack(ana, 'One', 61_000);
    const two = await readyTrack(bob, 'Two', 122_000);
    const created = await ana.api.playlists.create({ title: '  Late night  ', description: 'For driving', trackIds: [two, one] });
    expect(created).toMatchObject({ title: 'Late night', description: 'For driving', isPublic: true, trackCount: 2, durationMs: 183_000, myRole: 'owner', canEdit: true, version: 2 });
    expect(created.items.map((i) => i.track.title)).toEqual(['Two', 'One']);
    expect(created.items[0]!.addedBy).toMatchObject({ username: ana.user.username });

    const edited = await ana.api.playlists.update({ id: created.id, title: 'Night', description: null, isPublic: false });
    expect(edited).toMatchObject({ title: 'Night', description: null, isPublic: false, version: 3 });
    expect(await trpcError(() => bob.api.playlists.byId({ id: created.id }))).toMatchObject({ code: 'NOT_FOUND' });

    expect(await ana.api.playlists.delete({ id: created.id })).toEqual({ id: created.id, deleted: true });
    expect(await trpcError(() => ana.api.playlists.byId({ id: created.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rows(created.id)).toBe(0);
  });

  it('refuses bad input, others, the signed-out and unaddable tracks, creating or changing nothing', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const secret = await readyTrack(bob, 'Secret');
    await bob.api.tracks.update({ id: secret, visibility: 'private' });
    const byLink = await readyTrack(bob, 'By link');
    await bob.api.tracks.update({ id: byLink, visibility: 'unlisted' });
    const { id: processing } = await h.upload(bob.token, undefined, { title: 'Processing' });
    const before = await h.db.fork().count(Playlist, { owner: ana.user.id });
    for (const bad of [{ title: '' }, { title: 'x'.repeat(PLAYLIST_TITLE_MAX + 1) }, { title: 'a\u0000b' }, { title: 'ok', isPublic: 'yes' }, { title: 'ok', trackIds: ['nope'] }, { title: 'ok', trackIds: [] }]) {
      expect(await trpcError(() => ana.api.playlists.create(bad as never))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    for (const trackId of [secret, byLink, processing, crypto.randomUUID()]) {
      expect(await trpcError(() => ana.api.playlists.create({ title: 'ok', trackIds: [trackId] }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'track_unavailable' } });
    }
    expect(await trpcError(async () => (await h.caller()).playlists.create({ title: 'ok' }))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await h.db.fork().count(Playlist, { owner: ana.user.id })).toBe(before);

    const mine = await ana.api.playlists.create({ title: 'Mine' });
    expect(await trpcError(() => bob.api.playlists.update({ id: mine.id, title: 'Taken' }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_owner' } });
    expect(await trpcError(() => bob.api.playlists.delete({ id: mine.id }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_owner' } });
    expect(await trpcError(() => ana.api.playlists.update({ id: crypto.randomUUID(), title: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await ana.api.playlists.byId({ id: mine.id })).title).toBe('Mine');
  });
});

describe('playlists: adding and ordering', () => {
  it('adds at the end or the start, skips what is in it, removes, and moves a track between others', async () => {
    const [ana] = await people('ana');
    const [a, b, c, d] = [await readyTrack(ana, 'A'), await readyTrack(ana, 'B'), await readyTrack(ana, 'C'), await readyTrack(ana, 'D')];
    const list = await ana.api.playlists.create({ title: 'Order', trackIds: [a, b] });
    expect(await ana.api.playlists.addTracks({ id: list.id, trackIds: [b, c] })).toMatchObject({ added: 1 });
    expect(await ana.api.playlists.addTracks({ id: list.id, trackIds: [d], where: 'start' })).toMatchObject({ added: 1 });
    expect(await titles(ana, list.id)).toEqual(['D', 'A', 'B', 'C']);

    await ana.api.playlists.moveTrack({ id: list.id, trackId: d, afterTrackId: b });
    expect(await titles(ana, list.id)).toEqual(['A', 'B', 'D', 'C']);
    await ana.api.playlists.moveTrack({ id: list.id, trackId: c, afterTrackId: null });
    expect(await titles(ana, list.id)).toEqual(['C', 'A', 'B', 'D']);
    await ana.api.playlists.moveTrack({ id: list.id, trackId: c, afterTrackId: d });
    expect(await titles(ana, list.id)).toEqual(['A', 'B', 'D', 'C']);

    const removed = await ana.api.playlists.removeTrack({ id: list.id, trackId: b });
    expect(await titles(ana, list.id)).toEqual(['A', 'D', 'C']);
    expect((await ana.api.playlists.removeTrack({ id: list.id, trackId: b })).version).toBe(removed.version + 1);
    expect(await trpcError(() => ana.api.playlists.moveTrack({ id: list.id, trackId: b, afterTrackId: a }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'not_in_playlist' } });
    expect(await trpcError(() => ana.api.playlists.moveTrack({ id: list.id, trackId: a, afterTrackId: b }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'not_in_playlist' } });
    expect(await trpcError(() => ana.api.playlists.moveTrack({ id: list.id, trackId: a, afterTrackId: a }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await titles(ana, list.id)).toEqual(['A', 'D', 'C']);
  });

  it('keeps every move of concurrent edits: moves of different tracks all hold, and keys stay unique', async () => {
    const [ana] = await people('ana');
    const ids: string[] = [];
    for (let i = 0; i < 8; i += 1) ids.push(await readyTrack(ana, `T${i}`));
    const list = await ana.api.playlists.create({ title: 'Busy', trackIds: ids });
    // Everyone moves a different track right after T0, at once: each lands right after T0, in some order.
    const moved = ids.slice(2, 7);
    await Promise.all(moved.map(async (trackId) => (await h.caller({ token: ana.token })).playlists.moveTrack({ id: list.id, trackId, afterTrackId: ids[0]! })));
    const order = (await ana.api.playlists.byId({ id: list.id })).items.map((i) => i.track.id);
    expect(order).toHaveLength(8);
    expect(order[0]).toBe(ids[0]);
    expect(new Set(order.slice(1, 6))).toEqual(new Set(moved));
    expect(order.slice(6)).toEqual([ids[1], ids[7]]);
    const keys = (await h.db.fork().find(PlaylistTrack, { playlist: list.id })).map((r) => r.position);
    expect(new Set(keys).size).toBe(8);
    expect((await ana.api.playlists.byId({ id: list.id })).version).toBe(2 + moved.length);
  });

  it(`holds at most ${PLAYLIST_TRACKS_MAX} tracks: an add past it is refused whole`, async () => {
    const [ana] = await people('ana');
    const one = await readyTrack(ana, 'One');
    const two = await readyTrack(ana, 'Two');
    const list = await ana.api.playlists.create({ title: 'Full', trackIds: [one] });
    // Fill it in SQL up to the limit with copies of a track row (the keys only need to be after the first).
    const em = h.db.fork();
    const fillers: string[] = [];
    for (let i = 0; i < PLAYLIST_TRACKS_MAX - 1; i += 1) fillers.push(crypto.randomUUID());
    await em.execute(
      `insert into tracks (id, owner_id, title, visibility, storage_key, original_filename, mime_type, format, size_bytes, status, created_at, updated_at)
       select x, ?, 'filler', 'public', 'k', 'f.mp3', 'audio/mpeg', 'mp3', 1, 'ready', now(), now() from unnest(?::uuid[]) as x`,
      [ana.user.id, `{${fillers.join(',')}}`],
    );
    await em.execute(`insert into playlist_tracks (playlist_id, track_id, position, added_at) select ?, x, 'b' || lpad(n::text, 4, '0'), now() from unnest(?::uuid[]) with ordinality as f(x, n)`, [list.id, `{${fillers.join(',')}}`]);
    expect(await trpcError(() => ana.api.playlists.addTracks({ id: list.id, trackIds: [two] }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'playlist_full' } });
    expect(await rows(list.id)).toBe(PLAYLIST_TRACKS_MAX);
  });
});

describe('playlists: collaborators', () => {
  it('the owner invites; the invited person accepts, then adds, removes and reorders; the owner removes them', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const [a, b] = [await readyTrack(ana, 'A'), await readyTrack(bob, 'B')];
    const list = await ana.api.playlists.create({ title: 'Together', isPublic: false, trackIds: [a] });
    expect(await trpcError(() => bob.api.playlists.addTracks({ id: list.id, trackIds: [b] }))).toMatchObject({ code: 'NOT_FOUND' });

    const invited = await ana.api.playlists.invite({ id: list.id, username: bob.user.username });
    expect(invited.collaborators).toEqual([{ user: expect.objectContaining({ username: bob.user.username }), status: 'invited' }]);
    await ana.api.playlists.invite({ id: list.id, username: bob.user.username });
    expect(await h.db.fork().count(Notification, { recipient: bob.user.id, type: 'playlist.invite' })).toBe(1);
    // Invited: sees it, may not edit yet.
    expect(await bob.api.playlists.byId({ id: list.id })).toMatchObject({ myRole: 'invited', canEdit: false });
    expect(await trpcError(() => bob.api.playlists.addTracks({ id: list.id, trackIds: [b] }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_collaborator' } });

    expect(await bob.api.playlists.acceptInvite({ id: list.id })).toMatchObject({ myRole: 'collaborator', canEdit: true });
    await bob.api.playlists.addTracks({ id: list.id, trackIds: [b] });
    await bob.api.playlists.moveTrack({ id: list.id, trackId: b, afterTrackId: null });
    expect(await titles(ana, list.id)).toEqual(['B', 'A']);
    expect((await ana.api.playlists.byId({ id: list.id })).items[0]!.addedBy).toMatchObject({ username: bob.user.username });
    expect((await bob.api.playlists.editable({ containing: a })).find((p) => p.id === list.id)).toMatchObject({ contains: true, myRole: 'collaborator' });
    // A collaborator edits tracks, not the playlist itself.
    expect(await trpcError(() => bob.api.playlists.update({ id: list.id, isPublic: true }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_owner' } });
    expect(await trpcError(() => bob.api.playlists.invite({ id: list.id, username: cat.user.username }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_owner' } });
    // Someone who is not a collaborator: nothing (private), or refused (public).
    expect(await trpcError(() => cat.api.playlists.removeTrack({ id: list.id, trackId: a }))).toMatchObject({ code: 'NOT_FOUND' });
    await ana.api.playlists.update({ id: list.id, isPublic: true });
    expect(await trpcError(() => cat.api.playlists.moveTrack({ id: list.id, trackId: a, afterTrackId: null }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_collaborator' } });
    expect(await trpcError(() => cat.api.playlists.acceptInvite({ id: list.id }))).toMatchObject({ code: 'NOT_FOUND', cause: { reason: 'no_invitation' } });
    expect(await titles(ana, list.id)).toEqual(['B', 'A']);

    const after = await ana.api.playlists.removeCollaborator({ id: list.id, username: bob.user.username });
    expect(after.collaborators).toEqual([]);
    expect(await trpcError(() => bob.api.playlists.removeTrack({ id: list.id, trackId: a }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses inviting oneself, someone blocked either way, and past the limit; leaving is idempotent', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const list = await ana.api.playlists.create({ title: 'Invites' });
    expect(await trpcError(() => ana.api.playlists.invite({ id: list.id, username: ana.user.username }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'self' } });
    await cat.api.users.block({ username: ana.user.username });
    expect(await trpcError(() => ana.api.playlists.invite({ id: list.id, username: cat.user.username }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'blocked' } });
    expect(await trpcError(() => ana.api.playlists.invite({ id: list.id, username: 'nobody_here_at_all' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.db.fork().count(PlaylistCollaborator, { playlist: list.id })).toBe(0);

    await ana.api.playlists.invite({ id: list.id, username: bob.user.username });
    expect(await bob.api.playlists.leave({ id: list.id })).toEqual({ id: list.id, left: true });
    expect(await bob.api.playlists.leave({ id: list.id })).toEqual({ id: list.id, left: false });
    expect(await trpcError(() => ana.api.playlists.leave({ id: list.id }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'owner' } });
  });

  it('shows changes live to everyone looking at it, and ends their view when it is deleted', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const [a, b] = [await readyTrack(ana, 'A'), await readyTrack(bob, 'B')];
    const list = await ana.api.playlists.create({ title: 'Live', trackIds: [a] });
    await ana.api.playlists.invite({ id: list.id, username: bob.user.username });
    await bob.api.playlists.acceptInvite({ id: list.id });

    const controller = new AbortController();
    const watcher = await h.caller({ token: ana.token, signal: controller.signal });
    const iterator = ((await watcher.playlists.onChange({ id: list.id })) as AsyncIterable<TrackedEnvelope<PlaylistChangeEvent>>)[Symbol.asyncIterator]();
    const next = async () => {
      const result = await Promise.race([iterator.next(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event')), 5000))]);
      return result.done ? null : result.value[1];
    };
    const first = await next();
    expect(first).toMatchObject({ id: list.id, version: (await ana.api.playlists.byId({ id: list.id })).version });

    const added = await bob.api.playlists.addTracks({ id: list.id, trackIds: [b] });
    expect(await next()).toEqual({ id: list.id, version: added.version, change: 'tracks', byUserId: bob.user.id });
    const moved = await bob.api.playlists.moveTrack({ id: list.id, trackId: b, afterTrackId: null });
    expect(await next()).toMatchObject({ version: moved.version, change: 'tracks' });
    await ana.api.playlists.delete({ id: list.id });
    expect(await next()).toMatchObject({ change: 'deleted' });
    expect(await next()).toBeNull();
    controller.abort();

    // Someone who may not see a playlist may not watch it either.
    const hidden = await ana.api.playlists.create({ title: 'Hidden', isPublic: false });
    const stranger = await h.caller({ token: bob.token });
    expect(await trpcError(async () => {
      const it = ((await stranger.playlists.onChange({ id: hidden.id })) as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      await it.next();
    })).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('playlists: who sees what', () => {
  it("shows each reader the tracks they may hear: a private track to its owner only, a private profile's to its followers", async () => {
    const [ana, bob, me] = await people('ana', 'bob', 'me');
    const open = await readyTrack(ana, 'Open', 30_000);
    const mine = await readyTrack(ana, 'Only mine', 40_000);
    const locked = await readyTrack(bob, 'Locked', 50_000);
    const list = await ana.api.playlists.create({ title: 'Mixed', trackIds: [open, mine, locked] });
    await ana.api.tracks.update({ id: mine, visibility: 'private' });
    await bob.api.users.updateProfile({ isPrivate: true });

    expect(await titles(ana, list.id)).toEqual(['Open', 'Only mine']);
    const seen = await me.api.playlists.byId({ id: list.id });
    expect(seen.items.map((i) => i.track.title)).toEqual(['Open']);
    expect(seen).toMatchObject({ trackCount: 1, durationMs: 30_000, myRole: null, canEdit: false });
    expect((await me.api.playlists.ofUser({ username: ana.user.username })).items.find((p) => p.id === list.id)).toMatchObject({ trackCount: 1 });
    const signedOut = await h.caller();
    expect((await signedOut.playlists.byId({ id: list.id })).items.map((i) => i.track.title)).toEqual(['Open']);

    await me.api.social.follow({ username: bob.user.username });
    await bob.api.social.approveRequest({ username: me.user.username });
    expect(await titles(me, list.id)).toEqual(['Open', 'Locked']);
  });

  it("lists someone's playlists newest first in pages: private ones to the owner only; a private profile's to followers", async () => {
    const [ana, me] = await people('ana', 'me');
    const first = await ana.api.playlists.create({ title: 'First' });
    await ana.api.playlists.create({ title: 'Secret', isPublic: false });
    const third = await ana.api.playlists.create({ title: 'Third' });
    const page1 = await me.api.playlists.ofUser({ username: ana.user.username, limit: 1 });
    expect(page1.items.map((p) => p.id)).toEqual([third.id]);
    const page2 = await me.api.playlists.ofUser({ username: ana.user.username, limit: 1, cursor: page1.nextCursor });
    expect(page2).toMatchObject({ items: [{ id: first.id }], nextCursor: null });
    expect((await ana.api.playlists.ofUser({ username: ana.user.username })).items.map((p) => p.title)).toEqual(['Third', 'Secret', 'First']);

    await ana.api.users.updateProfile({ isPrivate: true });
    expect(await trpcError(() => me.api.playlists.ofUser({ username: ana.user.username }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'private_profile' } });
    expect(await trpcError(() => me.api.playlists.byId({ id: first.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => me.api.playlists.ofUser({ username: 'x' }))).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('playlists: likes and reposts', () => {
  it('likes and reposts, idempotent and counted; refuses reposting my own or a private playlist', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const list = await ana.api.playlists.create({ title: 'Liked' });
    expect(await bob.api.playlists.like({ id: list.id })).toMatchObject({ likedByMe: true, likeCount: 1 });
    expect(await bob.api.playlists.like({ id: list.id })).toMatchObject({ likeCount: 1 });
    expect(await bob.api.playlists.repost({ id: list.id })).toMatchObject({ repostedByMe: true, repostCount: 1 });
    expect(await bob.api.playlists.byId({ id: list.id })).toMatchObject({ likedByMe: true, repostedByMe: true, likeCount: 1, repostCount: 1 });
    expect(await bob.api.playlists.unlike({ id: list.id })).toMatchObject({ likedByMe: false, likeCount: 0 });
    expect(await bob.api.playlists.unrepost({ id: list.id })).toMatchObject({ repostedByMe: false, repostCount: 0 });
    expect(await bob.api.playlists.unrepost({ id: list.id })).toMatchObject({ repostCount: 0 });

    expect(await trpcError(() => ana.api.playlists.repost({ id: list.id }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'own_playlist' } });
    const hidden = await ana.api.playlists.create({ title: 'Hidden', isPublic: false });
    expect(await trpcError(() => bob.api.playlists.like({ id: hidden.id }))).toMatchObject({ code: 'NOT_FOUND' });
    await ana.api.playlists.invite({ id: hidden.id, username: bob.user.username });
    expect(await trpcError(() => bob.api.playlists.repost({ id: hidden.id }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'not_public' } });
    expect((await ana.api.playlists.byId({ id: hidden.id })).repostCount).toBe(0);
  });
});
