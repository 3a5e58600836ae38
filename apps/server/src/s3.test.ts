import type { TrackDto } from '@veza/api';
import { sineWav } from '@veza/media';
import { startLocalS3, type LocalS3 } from '@veza/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipart, register, trpcQuery, type TestApp, type TestUser } from './test/harness.ts';

// The production storage path: the same upload → processing → serving flow on an S3-compatible
// server (s3rver) instead of local disk.
let s3: LocalS3;
let t: TestApp;
let ana: TestUser;
beforeAll(async () => {
  s3 = await startLocalS3();
  t = await createTestApp(
    {
      STORAGE: 's3',
      S3_BUCKET: s3.bucket,
      S3_REGION: s3.region,
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    { processing: true },
  );
  ana = await register(t.app, 'ana');
});
afterAll(async () => {
  await t.close();
  await s3.close();
});

describe('on S3 storage', () => {
  it('stores the upload in the bucket, processes it and serves audio and HLS from there', async () => {
    const body = multipart([{ name: 'file', filename: 'tone.wav', content: sineWav({ seconds: 8, channels: 2 }) }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/tracks', payload: body.payload, headers: { ...body.headers, ...ana.bearer } });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<{ id: string }>();
    expect(await t.filesUnder('media')).toEqual([]); // nothing on local disk

    const audio = await t.app.inject({ url: `/api/tracks/${id}/audio`, headers: { range: 'bytes=0-3' } });
    expect(audio.statusCode).toBe(206);
    expect(audio.body).toBe('RIFF');

    await expect
      .poll(async () => (await trpcQuery<TrackDto>(t.app, 'tracks.byId', { id })).status, { timeout: 60_000, interval: 500 })
      .toBe('ready');
    const track = await trpcQuery<TrackDto>(t.app, 'tracks.byId', { id });
    const master = await t.app.inject({ url: track.hls?.masterUrl ?? '' });
    expect(master.statusCode).toBe(200);
    const base = (track.hls?.masterUrl ?? '').replace('master.m3u8', '');
    const init = await t.app.inject({ url: `${base}256/init.mp4` });
    expect(init.statusCode).toBe(200);
    expect(init.rawPayload.subarray(4, 8).toString()).toBe('ftyp');
  });
});
