import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Track } from '@veza/db';
import { sineWav } from '@veza/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipart, register, trpcQuery, type TestApp, type TestUser } from '../test/harness.ts';
import { formatBytes, removeStaleUploads } from './upload.ts';

const LIMIT = 128 * 1024;
let t: TestApp;
let alice: TestUser;
let origin: string;

beforeAll(async () => {
  t = await createTestApp({ MAX_UPLOAD_BYTES: String(LIMIT) });
  alice = await register(t.app, 'alice');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

const post = (parts: Parameters<typeof multipart>[0], headers: Record<string, string> = alice.bearer) => {
  const body = multipart(parts);
  return t.app.inject({ method: 'POST', url: '/api/tracks', payload: body.payload, headers: { ...body.headers, ...headers } });
};
const wav = (seconds: number) => ({ name: 'file', filename: 'tone.wav', content: sineWav({ seconds }), type: 'audio/wav' });
const trackCount = () => t.deps.db.fork().count(Track, {});

async function expectNothingLeft(tracksBefore: number) {
  expect(await t.filesUnder('tmp')).toEqual([]);
  expect(await trackCount()).toBe(tracksBefore);
}

describe('POST /api/tracks', () => {
  it('stores a WAV sent with a bearer token; the title may follow the file', async () => {
    const res = await post([wav(1), { name: 'title', value: 'First light' }]);
    expect(res.statusCode).toBe(201);
    const { id } = res.json<{ id: string }>();
    const track = await trpcQuery<{ format: string; durationMs: number; title: string; owner: { username: string } }>(t.app, 'tracks.byId', { id });
    expect(track.format).toBe('wav');
    expect(track.durationMs).toBeGreaterThan(950);
    expect(track.durationMs).toBeLessThan(1050);
    expect(track.title).toBe('First light');
    expect(track.owner.username).toBe('alice');
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it('accepts the session cookie, with the title before the file', async () => {
    const res = await post([{ name: 'title', value: 'Via cookie' }, wav(0.5)], { cookie: alice.cookie });
    expect(res.statusCode).toBe(201);
    const track = await trpcQuery<{ title: string }>(t.app, 'tracks.byId', { id: res.json<{ id: string }>().id });
    expect(track.title).toBe('Via cookie');
  });

  it('answers 401 without a session and 401 with a forged token', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer not-a-token' }];
    for (const headers of attempts) {
      const res = await post([wav(0.2)], headers);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Please sign in to upload.' } });
    }
  });

  it('refuses a text file named .mp3 with 415 and leaves nothing behind', async () => {
    const before = await trackCount();
    const mediaBefore = await t.filesUnder('media');
    const res = await post([{ name: 'file', filename: 'song.mp3', content: Buffer.from('just some text\n'.repeat(100)), type: 'audio/mpeg' }]);
    expect(res.statusCode).toBe(415);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    await expectNothingLeft(before);
    expect(await t.filesUnder('media')).toEqual(mediaBefore);
  });

  it('refuses an empty file with a clear 400', async () => {
    const before = await trackCount();
    const res = await post([{ name: 'file', filename: 'empty.wav', content: Buffer.alloc(0) }]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'This file is empty.' } });
    await expectNothingLeft(before);
  });

  it('keeps only the basename of a hostile filename', async () => {
    const res = await post([{ ...wav(0.3), filename: '../../etc/passwd.wav' }]);
    expect(res.statusCode).toBe(201);
    const row = await t.deps.db.fork().findOneOrFail(Track, { id: res.json<{ id: string }>().id });
    expect(row.originalFilename).toBe('passwd.wav');
    expect(row.title).toBe('passwd');
    expect(row.storageKey).toMatch(/^tracks\/[0-9a-f-]{36}\/original\.wav$/);
  });

  it('answers 400 when the file field is missing, 400 for two files, 415 for a non-multipart body', async () => {
    const before = await trackCount();
    const missing = await post([{ name: 'title', value: 'No file' }]);
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ error: { message: string } }>().error.message).toMatch(/Choose an audio file/);

    const two = await post([wav(0.2), { ...wav(0.2), name: 'other' }]);
    expect(two.statusCode).toBe(400);
    expect(two.json<{ error: { message: string } }>().error.message).toBe('Send one audio file per upload.');

    const json = await t.app.inject({ method: 'POST', url: '/api/tracks', payload: { file: 'x' }, headers: alice.bearer });
    expect(json.statusCode).toBe(415);
    expect(json.json<{ error: { code: string } }>().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    await expectNothingLeft(before);
  });

  it('answers 400, not 500, to a malformed multipart body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tracks',
      payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n\r\nRIFF',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz', ...alice.bearer },
    });
    expect(res.statusCode).toBe(400);
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it('answers 413 when the file outgrows the limit mid-stream', async () => {
    const before = await trackCount();
    const res = await post([wav(2)]); // 176 KB: passes the Content-Length check, truncated at 128 KB
    expect(res.statusCode).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(res.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'This file is larger than the 128 KB limit.' } });
    await expectNothingLeft(before);
  });

  it('answers 413 from the Content-Length alone, before any of the body is sent', async () => {
    const port = Number(new URL(origin).port);
    const socket = connect(port, '127.0.0.1');
    socket.write(
      'POST /api/tracks HTTP/1.1\r\nHost: localhost\r\n' +
        `Authorization: Bearer ${alice.token}\r\nContent-Type: multipart/form-data; boundary=b\r\n` +
        `Content-Length: ${50 * 1024 * 1024}\r\n\r\n`,
    );
    let response = '';
    // The server answers in full without waiting for the 50 MB it was promised (it would then read and drop a
    // bounded part of them, so a client already sending sees the answer rather than a reset).
    await new Promise<void>((resolve, reject) => {
      socket.on('data', (chunk: Buffer) => {
        response += chunk.toString();
        if (response.endsWith('}}')) resolve();
      });
      socket.on('error', reject);
    });
    socket.destroy();
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response.toLowerCase()).toContain('connection: close');
    expect(response).toContain('"PAYLOAD_TOO_LARGE"');
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it('answers Expect: 100-continue only when the upload is acceptable', async () => {
    const ask = (length: number) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(origin).port), '127.0.0.1');
        socket.write(
          'POST /api/tracks HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\n' +
            `Authorization: Bearer ${alice.token}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: ${length}\r\n\r\n`,
        );
        socket.once('data', (chunk: Buffer) => {
          socket.destroy();
          resolve(chunk.toString());
        });
        socket.on('error', reject);
      });
    expect(await ask(50 * 1024 * 1024)).toMatch(/^HTTP\/1\.1 413 /);
    expect(await ask(1000)).toMatch(/^HTTP\/1\.1 100 Continue/);
    // Other routes keep Node's default behaviour.
    const other = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(origin).port), '127.0.0.1');
      socket.write('POST /trpc/auth.me HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n');
      socket.once('data', (chunk: Buffer) => {
        socket.destroy();
        resolve(chunk.toString());
      });
      socket.on('error', reject);
    });
    expect(other).toMatch(/^HTTP\/1\.1 100 Continue/);
  });

  it('answers 413 to an oversized chunked upload without Content-Length, leaving nothing', async () => {
    const before = await trackCount();
    const body = multipart([{ ...wav(4) }]); // ~350 KB
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${origin}/api/tracks`, { method: 'POST', headers: { ...body.headers, ...alice.bearer } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      // Chunked: no Content-Length header, so only the streaming limit can catch it.
      for (let i = 0; i < body.payload.length; i += 16 * 1024) req.write(body.payload.subarray(i, i + 16 * 1024));
      req.end();
    });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'This file is larger than the 128 KB limit.' } });
    await expectNothingLeft(before);
  });

  it('removes temp files left by a crash, and only old ones', async () => {
    await mkdir(join(t.dataDir, 'tmp'), { recursive: true });
    const old = join(t.dataDir, 'tmp', 'crashed');
    const fresh = join(t.dataDir, 'tmp', 'in-flight');
    await writeFile(old, 'x');
    await writeFile(fresh, 'y');
    const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000);
    await utimes(old, twoDaysAgo, twoDaysAgo);
    expect(await removeStaleUploads(t.dataDir)).toBe(1);
    expect(await t.filesUnder('tmp')).toEqual([fresh]);
    await rm(fresh);
  });

  it('formats limits for people', () => {
    expect(formatBytes(500 * 1024 * 1024)).toBe('500 MB');
    expect(formatBytes(128 * 1024)).toBe('128 KB');
    expect(formatBytes(1500)).toBe('1500 bytes');
  });
});
