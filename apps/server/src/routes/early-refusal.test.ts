// Uploads refused before their body is read (no session, too large, wrong type) reach the client as that status,
// with Node's fetch (undici) and with a raw http.request, instead of a broken pipe while the body is still going out.
import { request } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipart, register, type TestApp, type TestUser } from '../test/harness.ts';

const LIMIT = 1024 * 1024;
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

const body = (bytes: number) => multipart([{ name: 'file', filename: 'big.wav', content: Buffer.alloc(bytes, 1), type: 'audio/wav' }]);

/** Sends the whole body with http.request (Content-Length set) and resolves with the status and body it got. */
function rawPost(url: string, payload: Buffer, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(payload.length) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * A client on a slow link: sends the headers and a first part of the body, reads the answer, then sends the rest
 * of the body (as a client does whose bytes were already on their way). Resolves with the answer and how the
 * connection ended: `end` when the server closed it cleanly, or the socket error the client got.
 */
function slowClient(head: string, first: Buffer, rest: Buffer) {
  return new Promise<{ response: string; ended: string }>((resolve) => {
    // Half-open like a client still uploading: the server's FIN does not stop it from sending.
    const socket = connect({ port: Number(new URL(origin).port), host: '127.0.0.1', allowHalfOpen: true });
    let response = '';
    let sentRest = false;
    let failure: string | null = null;
    socket.on('data', (chunk: Buffer) => {
      response += chunk.toString();
      if (sentRest || !response.includes('\r\n\r\n')) return;
      sentRest = true;
      // The rest of the body goes out after the answer arrived, in pieces, as a real upload would.
      setTimeout(() => {
        for (let i = 0; i < rest.length; i += 16 * 1024) socket.write(rest.subarray(i, i + 16 * 1024));
        socket.end();
      }, 50);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => (failure = error.code ?? 'error'));
    socket.on('close', () => resolve({ response, ended: failure ?? 'closed cleanly' }));
    socket.write(head);
    socket.write(first);
  });
}

describe('POST /api/tracks refused before the body is read', () => {
  it('keeps reading a refused body (up to a bound) so the client sees no reset', async () => {
    const b = body(260 * 1024);
    const head =
      `POST /api/tracks HTTP/1.1\r\nHost: localhost\r\nContent-Type: ${b.headers['content-type']}\r\n` + `Content-Length: ${b.payload.length}\r\n\r\n`;
    const result = await slowClient(head, b.payload.subarray(0, 16 * 1024), b.payload.subarray(16 * 1024));
    expect(result.response).toMatch(/^HTTP\/1\.1 401 /);
    expect(result.response.toLowerCase()).toContain('connection: close');
    expect(result.ended).toBe('closed cleanly');
  });

  for (const size of [260 * 1024, 900 * 1024]) {
    it(`answers 401 to ${size / 1024} KB without a session, with fetch and http.request`, async () => {
      for (let i = 0; i < 3; i++) {
        const b = body(size);
        const res = await fetch(`${origin}/api/tracks`, { method: 'POST', body: b.payload, headers: b.headers });
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Please sign in to upload.' } });
        const raw = await rawPost(`${origin}/api/tracks`, b.payload, b.headers);
        expect(raw.status).toBe(401);
      }
    });
  }

  it('answers 413 to a declared length over the limit, with fetch and http.request', async () => {
    const b = body(LIMIT + 128 * 1024);
    const headers = { ...b.headers, ...alice.bearer };
    const res = await fetch(`${origin}/api/tracks`, { method: 'POST', body: b.payload, headers });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await rawPost(`${origin}/api/tracks`, b.payload, headers)).status).toBe(413);
  });

  it('answers 415 to a body that is not multipart', async () => {
    const payload = Buffer.alloc(300 * 1024, 1);
    const headers = { 'content-type': 'application/octet-stream', ...alice.bearer };
    expect((await fetch(`${origin}/api/tracks`, { method: 'POST', body: payload, headers })).status).toBe(415);
    expect((await rawPost(`${origin}/api/tracks`, payload, headers)).status).toBe(415);
  });
});

describe('tus /api/uploads refused before the body is read', () => {
  const TUS = { 'tus-resumable': '1.0.0' };
  it('answers 401 to a creation carrying data without a session', async () => {
    const payload = Buffer.alloc(260 * 1024, 1);
    const headers = { ...TUS, 'upload-length': String(payload.length), 'content-type': 'application/offset+octet-stream' };
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${origin}/api/uploads`, { method: 'POST', body: payload, headers });
      expect(res.status).toBe(401);
      expect((await rawPost(`${origin}/api/uploads`, payload, headers)).status).toBe(401);
    }
  });

  it('keeps reading a refused PATCH (up to a bound) so the client sees no reset', async () => {
    const payload = Buffer.alloc(260 * 1024, 1);
    const head =
      `PATCH /api/uploads/${'b'.repeat(32)} HTTP/1.1\r\nHost: localhost\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n` +
      `Content-Type: application/offset+octet-stream\r\nContent-Length: ${payload.length}\r\n\r\n`;
    const result = await slowClient(head, payload.subarray(0, 16 * 1024), payload.subarray(16 * 1024));
    expect(result.response).toMatch(/^HTTP\/1\.1 401 /);
    expect(result.ended).toBe('closed cleanly');
  });

  it('answers 401 to a PATCH without a session and 404 to one on an unknown upload', async () => {
    const payload = Buffer.alloc(260 * 1024, 1);
    const headers = { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' };
    const url = `${origin}/api/uploads/${'a'.repeat(32)}`;
    const patch = (h: Record<string, string>) => fetch(url, { method: 'PATCH', body: payload, headers: { ...headers, ...h } });
    expect((await patch({})).status).toBe(401);
    expect((await patch(alice.bearer)).status).toBe(404);
  });

  it('answers 413 to a creation whose Upload-Length is over the limit, carrying data', async () => {
    const payload = Buffer.alloc(300 * 1024, 1);
    const headers = { ...TUS, ...alice.bearer, 'upload-length': String(LIMIT + 1), 'content-type': 'application/offset+octet-stream' };
    expect((await fetch(`${origin}/api/uploads`, { method: 'POST', body: payload, headers })).status).toBe(413);
    expect((await rawPost(`${origin}/api/uploads`, payload, headers)).status).toBe(413);
  });
});

describe('upload titles with control characters', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it('POST /api/tracks refuses them with 400, whether the title comes before or after the file, leaving nothing', async () => {
    const file = { name: 'file', filename: 'tone.wav', content: Buffer.alloc(64 * 1024, 1), type: 'audio/wav' };
    for (const parts of [[{ name: 'title', value: 'nul\u0000title' }, file], [file, { name: 'title', value: 'esc\u001b[31m' }]]) {
      const b = multipart(parts);
      const res = await fetch(`${origin}/api/tracks`, { method: 'POST', body: b.payload, headers: { ...b.headers, ...alice.bearer } });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'Title cannot contain control characters.' } });
    }
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it('tus refuses them at creation, before any byte of the file is sent', async () => {
    const headers = { 'tus-resumable': '1.0.0', ...alice.bearer, 'upload-length': '1000', 'upload-metadata': `filename ${b64('a.wav')},title ${b64('nul\u0000title')}` };
    const res = await fetch(`${origin}/api/uploads`, { method: 'POST', headers });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Title cannot contain control characters.');
    // Creation carrying the file's bytes: the same answer, not a reset.
    const payload = Buffer.alloc(260 * 1024, 1);
    const withData = { ...headers, 'upload-length': String(payload.length), 'content-type': 'application/offset+octet-stream' };
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${origin}/api/uploads`, { method: 'POST', headers: withData, body: payload })).status).toBe(400);
      expect((await rawPost(`${origin}/api/uploads`, payload, withData)).status).toBe(400);
    }
    const head =
      `POST /api/uploads HTTP/1.1\r\nHost: localhost\r\n` +
      Object.entries({ ...withData, 'content-length': String(payload.length) }).map(([k, v]) => `${k}: ${v}\r\n`).join('') +
      '\r\n';
    const slow = await slowClient(head, payload.subarray(0, 16 * 1024), payload.subarray(16 * 1024));
    expect(slow.response).toMatch(/^HTTP\/1\.1 400 /);
    expect(slow.ended).toBe('closed cleanly');
  });
});
