// Profiles (issue 11): location, links, pinned track and the images' URLs, through the tRPC callers on a real database.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Track, User } from '@veza/db';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, trpcError, type Harness } from '../test/harness.ts';
import { purgeDueAccounts } from '../account/deletion.service.ts';
import { profileImageSource, removeProfileImage, setProfileImage } from './profile-images.service.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());
const people = peopleOf(() => h, 'pf');

const ready = async (token: string) => {
  const track = await h.upload(token);
  await h.db.fork().nativeUpdate(Track, { id: track.id }, { status: 'ready' });
  return track.id;
};

describe('profile fields', () => {
  it('saves location and links, and shows each link with its platform', async () => {
    const [ana] = await people('ana');
    const me = await ana.api.users.updateProfile({ location: '  Lyon, France ', links: ['https://ana.bandcamp.com', 'https://www.ana.fr/', 'https://ana.bandcamp.com'] });
    expect(me.username).toBe(ana.user.username);
    const profile = await (await h.caller()).users.byUsername({ username: ana.user.username });
    expect(profile).toMatchObject({
      location: 'Lyon, France',
      links: [
        { url: 'https://ana.bandcamp.com', kind: 'bandcamp', label: 'Bandcamp' },
        { url: 'https://www.ana.fr/', kind: 'website', label: 'ana.fr' },
      ],
      avatarUrl: null,
      bannerUrl: null,
      pinnedTrack: null,
    });
    await ana.api.users.updateProfile({ location: '', links: [] });
    expect(await ana.api.users.byUsername({ username: ana.user.username })).toMatchObject({ location: null, links: [] });
  });

  it('refuses bad links and too many, changing nothing', async () => {
    const [bob] = await people('bob');
    await bob.api.users.updateProfile({ links: ['https://bob.fr'], location: 'Paris' });
    for (const links of [['javascript:alert(1)'], ['data:text/html,<b>hi</b>'], Array.from({ length: 9 }, (_, i) => `https://b${i}.fr`)]) {
      const error = await trpcError(() => bob.api.users.updateProfile({ links, location: 'Nantes' }));
      expect(error.code).toBe('BAD_REQUEST');
    }
    expect((await trpcError(() => bob.api.users.updateProfile({ links: ['javascript:alert(1)'] }))).message).toMatch(/http:\/\/ or https:\/\//);
    expect(await bob.api.users.byUsername({ username: bob.user.username })).toMatchObject({ location: 'Paris', links: [{ url: 'https://bob.fr' }] });
  });

  it('pins only an own, ready track; a refused pin changes nothing', async () => {
    const [cid, dee] = await people('cid', 'dee');
    const mine = await ready(cid.token);
    const processing = (await h.upload(cid.token)).id;
    const theirs = await ready(dee.token);
    await cid.api.users.updateProfile({ pinnedTrackId: mine });
    expect((await cid.api.users.byUsername({ username: cid.user.username })).pinnedTrack?.id).toBe(mine);
    for (const [id, message] of [
      [theirs, /your own tracks/],
      [processing, /still processing/],
      ['00000000-0000-4000-8000-000000000000', /your own tracks/],
    ] as const) {
      const error = await trpcError(() => cid.api.users.updateProfile({ pinnedTrackId: id, bio: 'changed' }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(message);
      expect((error.cause as { reason?: string } | undefined)?.reason).toBe('pin_refused');
    }
    const after = await (await h.caller()).users.byUsername({ username: cid.user.username });
    expect(after.bio).toBeNull();
    expect(after.pinnedTrack?.id).toBe(mine);
    await cid.api.users.updateProfile({ pinnedTrackId: null });
    expect((await cid.api.users.byUsername({ username: cid.user.username })).pinnedTrack).toBeNull();
  });

  it('shows the pinned track only to who sees it in the list; a deleted track unpins', async () => {
    const [eve, fan, stranger] = await people('eve', 'fan', 'stranger');
    const id = await ready(eve.token);
    await eve.api.users.updateProfile({ pinnedTrackId: id, isPrivate: true });
    await fan.api.social.follow({ username: eve.user.username });
    await eve.api.social.approveRequest({ username: fan.user.username });
    const name = { username: eve.user.username };
    expect((await stranger.api.users.byUsername(name)).pinnedTrack).toBeNull();
    expect((await (await h.caller()).users.byUsername(name)).pinnedTrack).toBeNull();
    expect((await fan.api.users.byUsername(name)).pinnedTrack?.id).toBe(id);
    // Made private: its owner still sees it pinned, nobody else.
    await eve.api.tracks.update({ id, visibility: 'private' });
    // (Fresh callers: one caller keeps its loaded rows, like one request.)
    const as = async (token: string) => h.caller({ token });
    expect((await (await as(fan.token)).users.byUsername(name)).pinnedTrack).toBeNull();
    expect((await (await as(eve.token)).users.byUsername(name)).pinnedTrack?.id).toBe(id);
    await eve.api.tracks.delete({ id });
    expect((await (await as(eve.token)).users.byUsername(name)).pinnedTrack).toBeNull();
    const row = await h.db.fork().findOneOrFail(User, { id: eve.user.id });
    expect(row.pinnedTrack).toBeNull();
  });
});

describe('profile images (service)', () => {
  const file = async (content: Buffer) => {
    const tempPath = join(tmpdir(), `pf-${Math.random().toString(36).slice(2)}`);
    await writeFile(tempPath, content);
    return { tempPath, sizeBytes: content.length };
  };
  const photo = (width = 900, height = 600) => sharp({ create: { width, height, channels: 3, background: 'orange' } }).withExif({ IFD0: { Make: 'SpyCam' } }).jpeg().toBuffer();

  it('stores every size, swaps, removes, and leaves no file behind', async () => {
    const [gus] = await people('gus');
    const ctx = { em: h.db.fork(), deps: h.deps };
    const viewer = { id: gus.user.id } as Parameters<typeof setProfileImage>[1];
    const first = await setProfileImage(ctx, viewer, 'avatar', await file(await photo()));
    expect(first.url).toMatch(new RegExp(`^/api/users/${gus.user.id}/avatar\\?v=[0-9a-f]{16}$`));
    expect((await gus.api.users.byUsername({ username: gus.user.username })).avatarUrl).toBe(first.url);
    expect((await gus.api.auth.me())?.avatarUrl).toBe(first.url);
    const avatarFiles = async () => (await h.storedFiles()).filter((f) => f.startsWith('avatar-'));
    expect((await avatarFiles()).sort()).toHaveLength(3);
    await setProfileImage(ctx, viewer, 'banner', await file(await photo()));
    const second = await setProfileImage(ctx, viewer, 'avatar', await file(await photo(200, 400)));
    expect(second.url).not.toBe(first.url);
    expect(await avatarFiles()).toHaveLength(3);
    const source = await profileImageSource(ctx, gus.user.id, 'banner', 750, null);
    expect(source).toMatchObject({ public: true, current: false });
    expect((await trpcError(() => profileImageSource(ctx, gus.user.id, 'avatar', 100, null))).code).toBe('BAD_REQUEST');
    await removeProfileImage(ctx, viewer, 'avatar');
    await removeProfileImage(ctx, viewer, 'avatar');
    expect(await avatarFiles()).toEqual([]);
    expect((await trpcError(() => profileImageSource(ctx, gus.user.id, 'avatar', null, null))).code).toBe('NOT_FOUND');
    // Not an image: refused by its bytes, nothing stored.
    const error = await trpcError(() => setProfileImage(ctx, viewer, 'avatar', { tempPath: '/dev/null', sizeBytes: 1 }));
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await avatarFiles()).toEqual([]);
  });

  it("goes with the account when it is purged", async () => {
    const [hal] = await people('hal');
    const ctx = { em: h.db.fork(), deps: h.deps };
    const viewer = { id: hal.user.id } as Parameters<typeof setProfileImage>[1];
    const images = async () => (await h.storedFiles()).filter((f) => /^(avatar|banner)-/.test(f)).sort();
    const before = await images();
    await setProfileImage(ctx, viewer, 'avatar', await file(await photo()));
    await setProfileImage(ctx, viewer, 'banner', await file(await photo()));
    expect(await images()).toHaveLength(before.length + 5);
    await h.db.fork().nativeUpdate(User, { id: hal.user.id }, { deletionRequestedAt: new Date(Date.now() - 400 * 86_400_000) });
    const result = await purgeDueAccounts(h.deps);
    expect(result.deleted).toContain(hal.user.id);
    expect(result.storageFailures).toEqual([]);
    expect(await images()).toEqual(before);
  });
});
