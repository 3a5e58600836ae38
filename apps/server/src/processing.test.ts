import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrackDto } from '@veza/api';
import { denseWav, resolveFfmpeg, sineWav } from '@veza/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipart, register, trpcQuery, type TestApp, type TestUser } from './test/harness.ts';

// Upload → durable job → ffmpeg → HLS published and served behind signed URLs, on the real queue.
let t: TestApp;
let ana: TestUser;
let dir: string;
beforeAll(async () => {
  t = await createTestApp({}, { processing: true });
  ana = await register(t.app, 'ana');
  dir = await mkdtemp(join(tmpdir(), 'veza-proc-'));
});
afterAll(() => t.close());

async function upload(content: Buffer, filename: string) {
  const body = multipart([{ name: 'file', filename, content }]);
  const res = await t.app.inject({ method: 'POST', url: '/api/tracks', payload: body.payload, headers: { ...body.headers, ...ana.bearer } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

const ffmpeg = (args: string[]) => execFileSync(resolveFfmpeg(), ['-v', 'error', '-y', ...args]);
const byId = (id: string) => trpcQuery<TrackDto>(t.app, 'tracks.byId', { id }, ana.bearer);
const settled = async (id: string) => {
  await expect.poll(async () => (await byId(id)).status, { timeout: 90_000, interval: 500 }).toMatch(/ready|failed/);
  return byId(id);
};

describe('track processing', () => {
  it('turns a FLAC upload into the three AAC renditions of the ladder, loudness and waveform', async () => {
    const wav = join(dir, 'dense.wav');
    await writeFile(wav, denseWav({ seconds: 14 }));
    ffmpeg(['-i', wav, join(dir, 'dense.flac')]);
    const id = await upload(await readFile(join(dir, 'dense.flac')), 'dense.flac');

    const track = await settled(id);
    expect(track).toMatchObject({ status: 'ready', processingPercent: 100, failureReason: null, format: 'flac' });
    expect(track.hls?.renditions).toEqual([96, 160, 256]);
    // Each rendition is what its name says, measured: the master's order is the ladder's order.
    for (const b of track.hls?.bitrates ?? []) {
      expect(b.averageKbps).toBeGreaterThan(b.kbps * 0.9);
      expect(b.averageKbps).toBeLessThan(b.kbps * 1.1);
    }
    expect(track.loudness?.integratedLufs).toBeGreaterThan(-20);
    expect(track.loudness?.integratedLufs).toBeLessThan(-8);
    expect(track.waveform).toHaveLength(1800);
    expect(Math.max(...(track.waveform ?? []))).toBe(1);
    // Lists carry a 64-bar summary of it (the loudest bar still at the top).
    const listed = (await trpcQuery<{ items: TrackDto[] }>(t.app, 'tracks.list', {}, ana.bearer)).items.find((i) => i.id === track.id);
    expect(listed?.peaks).toHaveLength(64);
    expect(Math.max(...(listed?.peaks ?? []))).toBe(1);

    const master = await t.app.inject({ url: track.hls?.masterUrl ?? '' });
    expect(master.statusCode).toBe(200);
    expect(master.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(master.headers['cache-control']).toBe('no-cache');
    const lines = master.body.split('\n');
    expect(lines.filter((l) => l.startsWith('#EXT-X-STREAM-INF:'))).toHaveLength(3);
    expect(master.body).toMatch(/BANDWIDTH=\d+,AVERAGE-BANDWIDTH=\d+,CODECS="mp4a\.40\.2"/);

    const base = (track.hls?.masterUrl ?? '').replace(/master\.m3u8$/, '');
    expect(lines.filter((l) => l.endsWith('/index.m3u8'))).toEqual(['96/index.m3u8', '160/index.m3u8', '256/index.m3u8']);
    const playlist = await t.app.inject({ url: `${base}96/index.m3u8` });
    expect(playlist.statusCode).toBe(200);
    expect(playlist.body).toContain('#EXT-X-MAP:URI="init.mp4"');
    const segment = playlist.body.split('\n').find((l) => l.startsWith('seg_')) ?? '';
    const seg = await t.app.inject({ url: `${base}96/${segment}`, headers: { range: 'bytes=0-99' } });
    expect(seg.statusCode).toBe(206);
    expect(seg.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(seg.rawPayload).toHaveLength(100);
  });

  it('never encodes above the source, nor a rung that measures no better than the one below', async () => {
    const wav = join(dir, 'dense-64.wav');
    await writeFile(wav, denseWav({ seconds: 8 }));
    ffmpeg(['-i', wav, '-c:a', 'libmp3lame', '-b:a', '64k', join(dir, 'low.mp3')]);
    const tone = join(dir, 'pure.wav');
    await writeFile(tone, sineWav({ seconds: 8, channels: 2 }));
    ffmpeg(['-i', tone, '-af', 'volume=-30dB', join(dir, 'pure.flac')]);
    const lowId = await upload(await readFile(join(dir, 'low.mp3')), 'low.mp3');
    const pureId = await upload(await readFile(join(dir, 'pure.flac')), 'pure.flac');
    // A 64 kbit/s MP3: one rendition at its own rate, not 256 and 320 ones.
    expect((await settled(lowId)).hls?.renditions).toEqual([64]);
    // A quiet pure tone codes in ~70 kbit/s whatever the target: "160" would be the 96 under a bigger name.
    const pure = await settled(pureId);
    expect(pure).toMatchObject({ status: 'ready', processingPercent: 100 });
    expect(pure.hls?.renditions).toEqual([96]);
  });

  it('serves the stream over a real socket through the fast path in front of Fastify', async () => {
    const tracks = await trpcQuery<{ items: TrackDto[] }>(t.app, 'tracks.list', {}, ana.bearer);
    const masterUrl = tracks.items.find((x) => x.hls?.renditions.includes(256))?.hls?.masterUrl ?? '';
    const origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const master = await fetch(origin + masterUrl);
    expect(master.status).toBe(200);
    expect(master.headers.get('cache-control')).toBe('no-cache');
    expect(await master.text()).toContain('#EXT-X-STREAM-INF');
    const segmentUrl = `${origin}${masterUrl.replace('master.m3u8', '256/seg_00000.m4s')}`;
    const whole = await fetch(segmentUrl);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/mp4');
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.length).toBe(Number(whole.headers.get('content-length')));
    const part = await fetch(segmentUrl, { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(10, 20))).toBe(true);
    const again = await fetch(segmentUrl, { headers: { 'if-none-match': whole.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    expect((await fetch(segmentUrl, { method: 'HEAD' })).headers.get('content-length')).toBe(String(bytes.length));
    expect((await fetch(segmentUrl, { headers: { range: `bytes=${bytes.length + 5}-` } })).status).toBe(416);
    const forged = segmentUrl.replace(/\.[A-Za-z0-9_-]{43}\//, `.${'A'.repeat(43)}/`);
    expect((await fetch(forged)).status).toBe(403);
    // Everything else still goes through Fastify.
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });

  it('refuses forged, foreign and odd stream URLs', async () => {
    const tracks = await trpcQuery<{ items: TrackDto[] }>(t.app, 'tracks.list', {}, ana.bearer);
    const ready = tracks.items.find((x) => x.hls);
    const url = ready?.hls?.masterUrl ?? '';
    const otherTrack = url.replace(/\/media\/hls\/[^/]+\//, `/media/hls/${crypto.randomUUID()}/`);
    expect((await t.app.inject({ url: otherTrack })).statusCode).toBe(403);
    expect((await t.app.inject({ url: url.replace(/\.[A-Za-z0-9_-]{43}\//, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/') })).statusCode).toBe(403);
    expect((await t.app.inject({ url: url.replace('master.m3u8', '../../../../etc/passwd') })).statusCode).toBe(404);
    expect((await t.app.inject({ url: url.replace('master.m3u8', '999/seg_00001.m4s') })).statusCode).toBe(404);
  });

  it('fails a corrupt file with a plain reason, keeping the original playable', async () => {
    // Valid FLAC headers (so the upload's checks pass), then noise where the frames should be.
    const wav = join(dir, 'long.wav');
    await writeFile(wav, sineWav({ seconds: 10, channels: 2 }));
    ffmpeg(['-i', wav, join(dir, 'long.flac')]);
    const good = await readFile(join(dir, 'long.flac'));
    const corrupt = Buffer.concat([good.subarray(0, 6000), randomBytes(good.length - 6000)]);
    const id = await upload(corrupt, 'broken.flac');
    const track = await settled(id);
    expect(track.status).toBe('failed');
    expect(track.failureReason).toMatch(/^(The audio could not be decoded: the file is damaged|This file seems cut short)/);
    expect(track.hls).toBeNull();
    expect((await t.app.inject({ url: track.audioUrl, headers: ana.bearer })).statusCode).toBe(200);
  });
});
