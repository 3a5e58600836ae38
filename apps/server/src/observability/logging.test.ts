import { sineWav } from '@veza/media';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcessingWorker } from '../processing.ts';
import { multipart } from '../test/harness.ts';
import { loggerOptions } from './logging.ts';
import { runInRequest } from './request-context.ts';
import { startObservedApp, type ObservedApp } from './testing.ts';

let t: ObservedApp;
beforeAll(async () => {
  // Behind a load balancer: its x-request-id is kept.
  t = await startObservedApp({ TRUST_PROXY: 'true' }, { queue: true });
});
afterAll(() => t.close());

const TRACK = '2f1c0a4e-8d1b-4c55-9a7e-0a0b0c0d0e0f';

describe('structured logs', () => {
  it('never write credentials: tokens in headers, HLS paths, OAuth callbacks and email links are masked', async () => {
    const register = await fetch(`${t.origin}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'lia@example.com', username: 'lia', password: 'correct horse battery staple' }),
    });
    const { result } = (await register.json()) as { result: { data: { accessToken: string } } };
    const access = result.data.accessToken;
    // Every cookie value is a credential, but the session flag (veza_session=1, readable by the page, no secret).
    const setCookies = register.headers
      .getSetCookie()
      .filter((c) => !c.startsWith('veza_session='))
      .map((c) => c.split(';')[0]?.split('=')[1] ?? '');
    expect(setCookies.length).toBeGreaterThan(0);

    const secrets = ['hls-signature-SECRET', 'oauth-code-SECRET', 'oauth-state-SECRET', 'reset-token-SECRET', 'verify-token-SECRET', access, ...setCookies];
    await fetch(`${t.origin}/api/tracks/${TRACK}/audio`, { headers: { authorization: `Bearer ${access}`, cookie: `veza_at=${setCookies[0]}` } });
    await fetch(`${t.origin}/media/hls/${TRACK}/1999999999.hls-signature-SECRET/master.m3u8`);
    await fetch(`${t.origin}/api/oauth/github/callback?code=oauth-code-SECRET&state=oauth-state-SECRET`, { redirect: 'manual' });
    await fetch(`${t.origin}/reset-password?token=reset-token-SECRET`);
    await fetch(`${t.origin}/verify-email?lang=fr&token=verify-token-SECRET`);

    const text = t.logText();
    for (const secret of secrets) expect(text).not.toContain(secret);
    const urls = t.logLines().flatMap((line) => {
      const req = line.req as { url?: string } | undefined;
      return req?.url ? [req.url] : [];
    });
    expect(urls).toContain('/api/oauth/github/callback?code=[redacted]&state=[redacted]');
    expect(urls).toContain('/reset-password?token=[redacted]');
    expect(urls).toContain('/verify-email?lang=fr&token=[redacted]');
    expect(urls).toContain(`/api/tracks/${TRACK}/audio`);
  });

  it('tags every line of a request with its id, echoes it, and keeps a sane id from the trusted proxy', async () => {
    const mine = await fetch(`${t.origin}/api/tracks/${TRACK}/audio`);
    const id = mine.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const lines = t.logLines().filter((line) => line.reqId === id);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));

    const proxied = await fetch(`${t.origin}/healthz`, { headers: { 'x-request-id': 'lb-7f3a9c2e11' } });
    expect(proxied.headers.get('x-request-id')).toBe('lb-7f3a9c2e11');
    expect(t.logLines().some((l) => l.reqId === 'lb-7f3a9c2e11')).toBe(true);
    // Not an id: replaced, never echoed back (no header injection, no log forging).
    const odd = await fetch(`${t.origin}/healthz`, { headers: { 'x-request-id': 'a b"c' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // The tRPC fast path answers with an id too.
    expect((await fetch(`${t.origin}/trpc/auth.me`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // The tRPC fast path writes the id itself, once, and keeps the proxy's.
    expect((await fetch(`${t.origin}/trpc/auth.me`, { headers: { 'x-request-id': 'lb-trpc-5e6f7a8b' } })).headers.get('x-request-id')).toBe('lb-trpc-5e6f7a8b');
  });

  it('carries the request id into the processing job, and the worker logs it', async () => {
    const signup = await fetch(`${t.origin}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'noa@example.com', username: 'noa', password: 'correct horse battery staple' }),
    });
    const { result } = (await signup.json()) as { result: { data: { accessToken: string } } };
    const body = multipart([{ name: 'file', filename: 'tone.wav', content: sineWav({ seconds: 0.5 }), type: 'audio/wav' }]);
    const res = await fetch(`${t.origin}/api/tracks`, {
      method: 'POST',
      headers: { ...body.headers, authorization: `Bearer ${result.data.accessToken}`, 'x-request-id': 'upload-0a1b2c3d4e' },
      body: new Uint8Array(body.payload),
    });
    expect(res.status).toBe(201);
    const { id: trackId } = (await res.json()) as { id: string };
    const { rows } = await t.deps.db.executeSql(`select data from pgboss.job where name = 'track.process'`);
    expect(rows.map((r) => r.data)).toContainEqual({ trackId, requestId: 'upload-0a1b2c3d4e' });

    const workerLines: Record<string, unknown>[] = [];
    const log = {
      info: (details: object, msg: string) => void workerLines.push({ ...details, msg }),
      warn: (details: object, msg: string) => void workerLines.push({ ...details, msg }),
      error: (details: object, msg: string) => void workerLines.push({ ...details, msg }),
    };
    if (!t.queue) throw new Error('the queue is on in this file');
    await startProcessingWorker(t.queue, t.deps, t.config, log, { metrics: t.metrics });
    await expect.poll(() => workerLines.find((l) => l.msg === 'processed track'), { timeout: 30_000 }).toMatchObject({ trackId, reqId: 'upload-0a1b2c3d4e' });
    expect(workerLines.find((l) => l.msg === 'processing track')).toMatchObject({ trackId, reqId: 'upload-0a1b2c3d4e' });
    const scraped = await (await fetch(`${t.origin}/metrics`)).text();
    expect(scraped).toMatch(/veza_job_duration_seconds_count\{kind="track.process",outcome="completed"\} 1/);
    expect(scraped).toMatch(/veza_tracks_processed_total\{outcome="ready"\} 1/);
  });

  it('gives the request id to lines written by other loggers inside the request, once, and redacts credentials', () => {
    let out = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString();
        done();
      },
    });
    const log = pino(loggerOptions('info'), stream);
    runInRequest({ requestId: 'req-0011223344' }, () => {
      log.info({ headers: { authorization: 'Bearer leaked-token', cookie: 'veza_at=leaked-cookie' } }, 'from the fast path');
      log.child({ reqId: 'req-0011223344' }).info('from the request logger');
    });
    log.info('outside any request');
    const lines = out.trim().split('\n');
    expect(lines[0]).toContain('"reqId":"req-0011223344"');
    expect(lines[1]?.match(/"reqId"/g)).toHaveLength(1);
    expect(lines[2]).not.toContain('reqId');
    expect(out).not.toContain('leaked');
    expect(lines[0]).toContain('"authorization":"[redacted]"');
  });
});
