import type { TrackDto } from '@veza/api';
import { hlsPrefix, reprocessLadder, retireRenditions } from '@veza/api';
import { Track, type HlsRenditionInfo } from '@veza/db';
import { denseWav, HLS_LADDER_VERSION, masterPlaylist } from '@veza/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueOutdatedLadders } from './processing.ts';
import { scratchDirOf } from './processing.ts';
import { createTestApp, register, trpcQuery, upload, type TestApp, type TestUser } from './test/harness.ts';

// A ladder change on the real queue and worker: old tracks are re-made once, keep playing, and end on the new ladder.
let t: TestApp;
let ana: TestUser;
beforeAll(async () => {
  t = await createTestApp({}, { processing: true });
  ana = await register(t.app, 'ana');
});
afterAll(() => t.close());

const byId = (id: string) => trpcQuery<TrackDto>(t.app, 'tracks.byId', { id }, ana.bearer);
const readAll = async (key: string) => {
  const chunks: Buffer[] = [];
  for await (const chunk of t.deps.storage.read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
/** Copies one rendition folder (playlist, init, segments) to another rung's folder. */
async function copyRendition(id: string, from: number, to: number) {
  const playlist = (await readAll(`${hlsPrefix(id)}/${from}/index.m3u8`)).toString('utf8');
  const files = ['init.mp4', ...playlist.split('\n').filter((l) => l.startsWith('seg_')), 'index.m3u8'];
  for (const file of files) await t.deps.storage.putBytes(`${hlsPrefix(id)}/${to}/${file}`, await readAll(`${hlsPrefix(id)}/${from}/${file}`));
}
const jobs = async (name: string, id: string) =>
  (await t.deps.db.executeSql(`select data, start_after > now() + interval '1 hour' as later from pgboss.job where name = $1 and data->>'trackId' = $2`, [name, id])).rows;

describe('HLS ladder change', () => {
  it('queues one re-process per outdated track, swaps the master when done and retires the old folders later', async () => {
    const id = await upload(t.app, ana, denseWav({ seconds: 12 }), 'dense.wav');
    await expect.poll(async () => (await byId(id)).status, { timeout: 90_000, interval: 500 }).toBe('ready');
    const fresh = await byId(id);
    // A lossless source gets the whole ladder; each rendition carries what it really measures.
    expect(fresh.hls?.renditions).toEqual([96, 160, 256]);
    expect(fresh.hls?.bitrates.map((b) => b.kbps)).toEqual([96, 160, 256]);
    for (const b of fresh.hls?.bitrates ?? []) expect(b.peakKbps).toBeGreaterThanOrEqual(b.averageKbps);
    expect(await enqueueOutdatedLadders(t.queue!, t.deps.db)).toBe(0);

    // Make it look like a track of ladder 1 (128/256/320): folders, record and master of the old ladder.
    const em = t.deps.db.fork();
    const track = await em.findOneOrFail(Track, { id });
    const byKbps = new Map(track.hlsRenditions.map((r) => [r.kbps, r]));
    await copyRendition(id, 96, 128);
    await copyRendition(id, 256, 320);
    const old: HlsRenditionInfo[] = [
      { ...byKbps.get(96)!, kbps: 128 },
      byKbps.get(256)!,
      { ...byKbps.get(256)!, kbps: 320, bandwidth: byKbps.get(256)!.bandwidth - 1000 },
    ];
    await t.deps.storage.putBytes(`${hlsPrefix(id)}/master.m3u8`, masterPlaylist(old.map((r) => ({ uri: `${r.kbps}/index.m3u8`, ...r }))));
    await t.deps.storage.deletePrefix(`${hlsPrefix(id)}/96/`);
    await t.deps.storage.deletePrefix(`${hlsPrefix(id)}/160/`);
    await em.nativeUpdate(Track, { id }, { hlsRenditions: old, hlsLadderVersion: 1 });
    const oldMasterUrl = (await byId(id)).hls?.masterUrl ?? '';
    expect((await t.app.inject({ url: oldMasterUrl })).body).toContain('320/index.m3u8');

    // The housekeeping scan, twice (two processes starting at once): one job.
    const queued = (await enqueueOutdatedLadders(t.queue!, t.deps.db)) + (await enqueueOutdatedLadders(t.queue!, t.deps.db));
    expect(queued).toBeGreaterThanOrEqual(1);
    expect(await jobs('track.reladder', id)).toHaveLength(1);

    await expect.poll(async () => (await byId(id)).hls?.renditions, { timeout: 90_000, interval: 500 }).toEqual([96, 160, 256]);
    const master = (await t.app.inject({ url: oldMasterUrl })).body;
    expect(master.split('\n').filter((l) => l.endsWith('/index.m3u8'))).toEqual(['96/index.m3u8', '160/index.m3u8', '256/index.m3u8']);
    const base = oldMasterUrl.replace(/master\.m3u8$/, '');
    for (const kbps of [96, 160, 256]) expect((await t.app.inject({ url: `${base}${kbps}/index.m3u8` })).statusCode).toBe(200);
    // Someone still on the old master keeps playing: the retired folders stay until their tokens have expired.
    expect((await t.app.inject({ url: `${base}320/index.m3u8` })).statusCode).toBe(200);
    await expect.poll(() => jobs('track.retire-renditions', id), { timeout: 10_000 }).toEqual([{ data: { trackId: id, kbps: [128, 320] }, later: true }]);
    expect((await em.fork().findOneOrFail(Track, { id })).hlsLadderVersion).toBe(HLS_LADDER_VERSION);

    // Done: later scans select nothing, and no second job was ever made.
    expect(await enqueueOutdatedLadders(t.queue!, t.deps.db)).toBe(0);
    expect(await jobs('track.reladder', id)).toHaveLength(1);

    // What the delayed job then does: the retired folders go, the live ones stay.
    await retireRenditions(t.deps, id, [128, 320, 256]);
    const stored = async (kbps: number) => (await t.deps.storage.stat(`${hlsPrefix(id)}/${kbps}/index.m3u8`)) !== null;
    expect([await stored(128), await stored(320), await stored(96), await stored(160), await stored(256)]).toEqual([false, false, true, true, true]);
  }, 180_000);

  it('after a crash between the master swap and the record, the retry keeps what the new master lists', async () => {
    const id = await upload(t.app, ana, denseWav({ seconds: 6 }), 'crash.wav');
    await expect.poll(async () => (await byId(id)).status, { timeout: 90_000, interval: 500 }).toBe('ready');
    const em = t.deps.db.fork();
    const fresh = (await em.findOneOrFail(Track, { id })).hlsRenditions;
    await copyRendition(id, 96, 128);
    await copyRendition(id, 256, 320);
    const byKbps = new Map(fresh.map((r) => [r.kbps, r]));
    // The record still says ladder 1; the master was already swapped (96 marked so a re-encode would show).
    await em.nativeUpdate(Track, { id }, { hlsLadderVersion: 1, hlsRenditions: [{ ...byKbps.get(96)!, kbps: 128 }, byKbps.get(256)!, { ...byKbps.get(256)!, kbps: 320 }] });
    const swapped = fresh.map((r) => (r.kbps === 96 ? { ...r, averageBandwidth: 97_001 } : r));
    await t.deps.storage.putBytes(`${hlsPrefix(id)}/master.m3u8`, masterPlaylist(swapped.map((r) => ({ uri: `${r.kbps}/index.m3u8`, ...r }))));

    const retired = await reprocessLadder(t.deps, id, { signal: new AbortController().signal, scratchDir: scratchDirOf(t.config) });
    expect(retired).toEqual([128, 320]);
    const after = await em.fork().findOneOrFail(Track, { id });
    expect(after.hlsRenditions.map((r) => r.kbps)).toEqual([96, 160, 256]);
    expect(after.hlsRenditions[0]?.averageBandwidth).toBe(97_001);
    expect(after.hlsLadderVersion).toBe(HLS_LADDER_VERSION);
    // And once done, running it again does nothing.
    expect(await reprocessLadder(t.deps, id, { signal: new AbortController().signal, scratchDir: scratchDirOf(t.config) })).toEqual([]);
  }, 120_000);
});
