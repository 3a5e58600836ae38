import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@veza/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db, resetMockDb, setSession } from './db.ts';
import { feedMock } from './feed-handlers.ts';
import { fixtures } from './fixtures.ts';
import { server } from './node.ts';
import { socialMock } from './social-mock.ts';

const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: 'http://localhost/trpc' })] });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  resetMockDb();
  feedMock.clearPlays();
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

const byTitle = (title: string) => fixtures.tracks.find((t) => t.title === title)!;
const NIGHT_DRIVE = byTitle('Night Drive');
const RUE = byTitle('Rue des Martyrs');
const DEMO = byTitle('Demo — unfinished');

describe('mock home feed', () => {
  it("shows Marc the uploads and reposts of Ana, whom he follows, newest activity first, each once", async () => {
    resetMockDb({ signedInAs: 'marc.dubois' });
    const page = await api.feed.home.query({});
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((i) => [i.track.title, i.reason, i.reposters.map((r) => r.user.username), i.repostersCount])).toEqual([
      ['Le dernier métro', 'repost', ['ana'], 1],
      ['Lumière froide', 'repost', ['ana'], 1],
      ['Night Drive', 'upload', [], 0],
    ]);
    expect(page.items[0]!.reposters[0]!.caption).toBe('The last train home, four minutes of it. Headphones on.');
    // Lists leave out the waveform; the failed upload and the private demo are not shared.
    expect(page.items[0]!.track.waveform).toBeNull();
    expect(page.items.map((i) => i.track.title)).not.toContain('Tape Hiss Lullaby');
    expect(page.items.map((i) => i.track.title)).not.toContain(DEMO.title);
  });

  it('names the newest three followed reposters and counts them all, and pages with the cursor', async () => {
    resetMockDb({ signedInAs: 'ana' });
    expect((await api.feed.home.query({})).items).toEqual([]);
    feedMock.crowdReposts('ana', 'Rue des Martyrs', 5);
    feedMock.manyTracks('reposter2', 4);
    const first = await api.feed.home.query({ limit: 3 });
    const rue = first.items.find((i) => i.track.id === RUE.id)!;
    expect(rue).toMatchObject({ reason: 'repost', repostersCount: 5 });
    expect(rue.reposters.map((r) => r.user.username)).toEqual(['reposter1', 'reposter2', 'reposter3']);
    expect(rue.reposters[0]!.caption).toBe('Everyone should hear this one.');
    expect(first.nextCursor).toBe('3');
    const second = await api.feed.home.query({ limit: 3, cursor: first.nextCursor });
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
  });

  it('is for signed-in users only', async () => {
    expect(await errorOf(api.feed.home.query({}))).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('mock reposts', () => {
  it('reposts with a caption (again: the caption is replaced), counts it on the track and unreposts', async () => {
    resetMockDb({ signedInAs: 'marc.dubois' });
    expect(await api.social.repost.mutate({ trackId: NIGHT_DRIVE.id, caption: '  Perfect at 2 am.  ' })).toEqual({ trackId: NIGHT_DRIVE.id, repostedByMe: true, caption: 'Perfect at 2 am.', repostCount: 2 });
    expect(await api.social.repost.mutate({ trackId: NIGHT_DRIVE.id })).toMatchObject({ repostedByMe: true, caption: null, repostCount: 2 });
    expect(await api.tracks.byId.query({ id: NIGHT_DRIVE.id })).toMatchObject({ repostedByMe: true, repostCount: 2 });
    expect((await api.tracks.list.query({ username: 'ana' })).items.find((t) => t.id === NIGHT_DRIVE.id)).toMatchObject({ repostedByMe: true, repostCount: 2 });
    expect(await api.social.unrepost.mutate({ trackId: NIGHT_DRIVE.id })).toEqual({ trackId: NIGHT_DRIVE.id, repostedByMe: false, caption: null, repostCount: 1 });
  });

  it("refuses one's own tracks, tracks that are not public and long captions, with the API's reasons", async () => {
    resetMockDb({ signedInAs: 'ana' });
    expect(await errorOf(api.social.repost.mutate({ trackId: NIGHT_DRIVE.id }))).toMatchObject({ code: 'BAD_REQUEST', reason: 'own_track' });
    db.tracks.find((t) => t.id === RUE.id)!.visibility = 'unlisted';
    expect(await errorOf(api.social.repost.mutate({ trackId: RUE.id }))).toMatchObject({ code: 'BAD_REQUEST', reason: 'not_public' });
    resetMockDb({ signedInAs: 'ana' });
    expect(await errorOf(api.social.repost.mutate({ trackId: RUE.id, caption: 'x'.repeat(281) }))).toMatchObject({ code: 'BAD_REQUEST' });
    resetMockDb();
    expect(await errorOf(api.social.repost.mutate({ trackId: RUE.id }))).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it("lists someone's reposts with their captions, and their likes, newest first", async () => {
    const reposts = await api.social.reposts.query({ username: 'ana' });
    expect(reposts.items.map((i) => [i.track.title, i.caption])).toEqual([
      ['Le dernier métro', 'The last train home, four minutes of it. Headphones on.'],
      ['Lumière froide', null],
    ]);
    feedMock.like('marc.dubois', 'Le dernier métro');
    const likes = await api.social.likes.query({ username: 'marc.dubois' });
    expect(likes.items.map((i) => i.track.title)).toEqual(['Le dernier métro', 'Night Drive']);
    expect(likes.items[0]!.at > likes.items[1]!.at).toBe(true);
    expect(await api.social.likes.query({ username: 'lea_m' })).toEqual({ items: [], nextCursor: null });
  });

  it("locks a private profile's lists to the people it approved", async () => {
    resetMockDb({ signedInAs: 'lea_m' });
    expect(await errorOf(api.social.reposts.query({ username: 'ines' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'private_profile' });
    expect(await errorOf(api.social.likes.query({ username: 'ines' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'private_profile' });
    socialMock.approve('ines', 'lea_m');
    expect(await api.social.reposts.query({ username: 'ines' })).toEqual({ items: [], nextCursor: null });
    expect(await errorOf(api.social.likes.query({ username: 'nobody' }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('mock play counts', () => {
  it('hands a ticket per play and counts it once per listener and track in 30 minutes', async () => {
    resetMockDb({ signedInAs: 'marc.dubois' });
    const start = await api.tracks.playStart.mutate({ id: NIGHT_DRIVE.id });
    expect(start).toMatchObject({ ticket: expect.any(String), countAfterMs: 30_000 });
    expect(await api.tracks.playCount.mutate({ ticket: start.ticket! })).toEqual({ id: NIGHT_DRIVE.id, counted: true, playCount: 1_235 });
    const again = await api.tracks.playStart.mutate({ id: NIGHT_DRIVE.id });
    expect(again.ticket).not.toBe(start.ticket);
    expect(await api.tracks.playCount.mutate({ ticket: again.ticket! })).toEqual({ id: NIGHT_DRIVE.id, counted: false, playCount: 1_235 });
    expect((await api.tracks.byId.query({ id: NIGHT_DRIVE.id })).playCount).toBe(1_235);
    expect(feedMock.playLog()).toEqual({ started: [NIGHT_DRIVE.id, NIGHT_DRIVE.id], counted: [NIGHT_DRIVE.id] });
  });

  it("gives the owner no ticket, a short track's whole length as the threshold, and refuses unknown tickets", async () => {
    resetMockDb({ signedInAs: 'ana' });
    expect(await api.tracks.playStart.mutate({ id: NIGHT_DRIVE.id })).toEqual({ ticket: null, countAfterMs: 30_000 });
    db.tracks.find((t) => t.id === RUE.id)!.durationMs = 12_000;
    expect((await api.tracks.playStart.mutate({ id: RUE.id })).countAfterMs).toBe(12_000);
    expect(await errorOf(api.tracks.playCount.mutate({ ticket: 'forged' }))).toMatchObject({ code: 'BAD_REQUEST', reason: 'invalid_ticket' });
    expect(await errorOf(api.tracks.playStart.mutate({ id: fixtures.tracks[8]!.id }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("counts signed-out listeners too, but not with someone else's ticket", async () => {
    const { ticket } = await api.tracks.playStart.mutate({ id: RUE.id });
    setSession(fixtures.ana.id);
    expect(await errorOf(api.tracks.playCount.mutate({ ticket: ticket! }))).toMatchObject({ reason: 'invalid_ticket' });
    setSession(null);
    expect(await api.tracks.playCount.mutate({ ticket: ticket! })).toMatchObject({ counted: true, playCount: 390 });
  });
});
