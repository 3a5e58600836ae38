// Private share links, the embed's data and oEmbed's track card (issue 11), through tRPC callers on the real database
// (PGlite, or PostgreSQL when DATABASE_URL is set): the owner makes, lists and revokes links; whoever holds a live
// link hears the track whatever its visibility or its owner's private profile; revoked, expired, unknown and
// malformed links, and other people's tracks, change nothing.
import { Track, TrackShare } from '@veza/db';
import { SHARE_LINKS_PER_TRACK_MAX } from '@veza/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverSource } from '../tracks/cover.service.ts';
import { audioSource } from '../tracks/tracks.service.ts';
import { createHarness, peopleOf, trpcError, type Account, type Harness } from '../test/harness.ts';
import { publicTrackCard } from './embed.service.ts';
import { hashShareToken } from './share-access.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'sh');
const ctxOf = (who: Account | null) => ({ deps: h.deps, em: h.db.fork(), viewer: who ? { id: who.user.id, username: who.user.username, role: 'user' as const, sessionId: 'test', elevatedUntil: null } : null });
const shareOf = (id: string) => h.db.fork().findOneOrFail(TrackShare, { id });
const tokenOf = (url: string) => new URL(url, 'http://x').searchParams.get('share');

async function privateTrack(owner: Account, title = 'Demo') {
  const { id } = await h.upload(owner.token, undefined, { title });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready', visibility: 'private' });
  return id;
}

describe('private share links', () => {
  it('makes a link whose token is shown once and stored only as a hash; lists it without the token; revokes it idempotently', async () => {
    const [ana] = await people('ana');
    const song = await privateTrack(ana);
    const made = await ana.api.shares.create({ trackId: song, label: '  For the label  ' });
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(made.url).toBe(`${h.deps.security.appOrigin}/share/${made.token}`);
    expect(made.link).toMatchObject({ id: made.id, label: 'For the label', status: 'active', expiresAt: null, useCount: 0 });
    expect((await shareOf(made.id)).tokenHash).toBe(hashShareToken(made.token));

    const listed = await ana.api.shares.list({ trackId: song });
    expect(listed.items).toEqual([made.link]);
    expect(listed.remaining).toBe(SHARE_LINKS_PER_TRACK_MAX - 1);
    expect(JSON.stringify(listed)).not.toContain(made.token);

    const revoked = await ana.api.shares.revoke({ id: made.id });
    expect(revoked).toMatchObject({ id: made.id, status: 'revoked' });
    const again = await ana.api.shares.revoke({ id: made.id });
    expect(again).toEqual(revoked);
    expect((await ana.api.shares.list({ trackId: song })).items[0]).toMatchObject({ status: 'revoked', revokedAt: revoked.revokedAt });
  });

  it('opens the track for anyone holding a live link, even private on a private profile, and counts each opening', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const song = await privateTrack(ana, 'Unreleased');
    await ana.api.users.updateProfile({ isPrivate: true });
    const { token } = await ana.api.shares.create({ trackId: song });
    const anonymous = await h.caller();
    expect(await trpcError(() => bob.api.tracks.byId({ id: song }))).toMatchObject({ code: 'NOT_FOUND' });

    for (const api of [anonymous, bob.api]) {
      const shared = await api.shares.track({ token });
      expect(shared.track).toMatchObject({ id: song, title: 'Unreleased', visibility: 'private', owner: { username: ana.user.username } });
      expect(tokenOf(shared.track.audioUrl)).toBe(token);
      expect(shared.expiresAt).toBeNull();
    }
    const row = await shareOf((await ana.api.shares.list({ trackId: song })).items[0]!.id);
    expect(row.useCount).toBe(2);
    expect(row.lastUsedAt).not.toBeNull();

    // The media routes' checks: the token opens the audio and the cover of this track only, and not shared caches.
    await expect(audioSource(ctxOf(bob), song)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await audioSource(ctxOf(null), song, token)).toMatchObject({ visibility: 'private' });
    expect(await audioSource(ctxOf(bob), song, token)).toMatchObject({ visibility: 'private' });
    const other = await privateTrack(ana, 'Other');
    await expect(audioSource(ctxOf(null), other, token)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(audioSource(ctxOf(null), song, 'x'.repeat(43))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(coverSource(ctxOf(null), song, token)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Cover not found.' }); // no cover uploaded
  });

  it('refuses revoked, expired, unknown and malformed links with a reason, changing nothing', async () => {
    const [ana] = await people('ana');
    const song = await privateTrack(ana);
    const anonymous = await h.caller();
    const revoked = await ana.api.shares.create({ trackId: song });
    await ana.api.shares.revoke({ id: revoked.id });
    expect(await trpcError(() => anonymous.shares.track({ token: revoked.token }))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'This share link was turned off by the person who shared it.',
      cause: { reason: 'share_revoked' },
    });
    await expect(audioSource(ctxOf(null), song, revoked.token)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const expiring = await ana.api.shares.create({ trackId: song, expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect(expiring.link.expiresAt).not.toBeNull();
    await h.db.fork().nativeUpdate(TrackShare, { id: expiring.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await trpcError(() => anonymous.shares.track({ token: expiring.token }))).toMatchObject({ code: 'NOT_FOUND', cause: { reason: 'share_expired' } });
    await expect(audioSource(ctxOf(null), song, expiring.token)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await ana.api.shares.list({ trackId: song })).items.map((s) => s.status)).toEqual(['expired', 'revoked']);

    expect(await trpcError(() => anonymous.shares.track({ token: 'A'.repeat(43) }))).toMatchObject({ code: 'NOT_FOUND', cause: { reason: 'share_not_found' } });
    for (const token of ['', 'short', `${'A'.repeat(42)}!`, 'A'.repeat(44)]) {
      expect(await trpcError(() => anonymous.shares.track({ token }))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    const uses = (await h.db.fork().find(TrackShare, { track: song })).map((s) => s.useCount);
    expect(uses).toEqual([0, 0]);
  });

  it('keeps other people out of a track’s links, and refuses bad input', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const hidden = await privateTrack(ana);
    const { id: open } = await h.upload(ana.token, undefined, { title: 'Open' });
    const made = await ana.api.shares.create({ trackId: open });
    expect(await trpcError(() => bob.api.shares.create({ trackId: hidden }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => bob.api.shares.create({ trackId: open }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await trpcError(() => bob.api.shares.list({ trackId: open }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await trpcError(() => bob.api.shares.revoke({ id: made.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await shareOf(made.id)).revokedAt).toBeNull();
    expect(await trpcError(async () => (await h.caller()).shares.create({ trackId: open }))).toMatchObject({ code: 'UNAUTHORIZED' });

    expect(await trpcError(() => ana.api.shares.create({ trackId: open, label: 'x'.repeat(81) }))).toMatchObject({ code: 'BAD_REQUEST' });
    const past = await trpcError(() => ana.api.shares.create({ trackId: open, expiresAt: new Date(Date.now() - 1000).toISOString() }));
    expect(past).toMatchObject({ code: 'BAD_REQUEST' });
    expect(past.message).toContain('The expiry must be in the future.');
    expect(await trpcError(() => ana.api.shares.create({ trackId: open, expiresAt: 'tomorrow' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => ana.api.shares.revoke({ id: crypto.randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await ana.api.shares.list({ trackId: open })).items).toHaveLength(1);
  });

  it(`holds a track to ${SHARE_LINKS_PER_TRACK_MAX} live links (revoked ones free a place)`, async () => {
    const [ana] = await people('ana');
    const song = await privateTrack(ana);
    const made = [];
    for (let i = 0; i < SHARE_LINKS_PER_TRACK_MAX; i++) made.push(await ana.api.shares.create({ trackId: song }));
    expect(await trpcError(() => ana.api.shares.create({ trackId: song }))).toMatchObject({ code: 'CONFLICT', cause: { reason: 'share_limit' } });
    expect((await ana.api.shares.list({ trackId: song })).remaining).toBe(0);
    await ana.api.shares.revoke({ id: made[0]!.id });
    expect((await ana.api.shares.create({ trackId: song })).link.status).toBe('active');
  });
});

describe('embed data and link previews', () => {
  it('answers public and unlisted tracks as to a stranger, private ones only with a live link', async () => {
    const [ana, cat] = await people('ana', 'cat');
    const { id: open } = await h.upload(ana.token, undefined, { title: 'Open' });
    const { id: unlisted } = await h.upload(ana.token, undefined, { title: 'Quiet' });
    await h.db.fork().nativeUpdate(Track, { id: unlisted }, { visibility: 'unlisted' });
    const hidden = await privateTrack(ana, 'Hidden');
    const anonymous = await h.caller();

    expect(await anonymous.shares.embed({ trackId: open })).toMatchObject({ id: open, title: 'Open', username: ana.user.username, pageUrl: `${h.deps.security.appOrigin}/tracks/${open}`, audioUrl: `/api/tracks/${open}/audio` });
    expect((await anonymous.shares.embed({ trackId: unlisted })).title).toBe('Quiet');
    // The owner signed in gets the stranger's answer too: embeds are the same for everyone.
    expect(await trpcError(() => ana.api.shares.embed({ trackId: hidden }))).toMatchObject({ code: 'NOT_FOUND' });
    const { token } = await ana.api.shares.create({ trackId: hidden });
    const viaLink = await anonymous.shares.embed({ trackId: hidden, share: token });
    expect(viaLink).toMatchObject({ title: 'Hidden', pageUrl: `${h.deps.security.appOrigin}/share/${token}` });
    expect(tokenOf(viaLink.audioUrl)).toBe(token);
    // A link of another track opens nothing here.
    const another = await privateTrack(ana);
    expect(await trpcError(() => anonymous.shares.embed({ trackId: another, share: token }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => anonymous.shares.embed({ trackId: crypto.randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });

    expect(await publicTrackCard(ctxOf(null), open)).toMatchObject({ title: 'Open', visibility: 'public', artistUrl: `${h.deps.security.appOrigin}/u/${ana.user.username}` });
    expect(await publicTrackCard(ctxOf(null), unlisted)).toMatchObject({ title: 'Quiet', cover: null });
    expect(await publicTrackCard(ctxOf(null), hidden)).toBeNull();

    // A private profile's tracks are nobody's embed, nor preview, whatever their own setting.
    await ana.api.users.updateProfile({ isPrivate: true });
    const later = await h.caller(); // a new request: a fresh identity map
    expect(await trpcError(() => later.shares.embed({ trackId: open }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => cat.api.shares.embed({ trackId: open }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await publicTrackCard(ctxOf(null), open)).toBeNull();
    expect((await later.shares.embed({ trackId: hidden, share: token })).title).toBe('Hidden');
  });
});
