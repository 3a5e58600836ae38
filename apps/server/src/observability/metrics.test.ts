import { sineWav } from '@veza/media';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../test/harness.ts';
import { samples, startObservedApp, type ObservedApp } from './testing.ts';

const CONTRACT = [
  'veza_http_requests_total',
  'veza_http_request_duration_seconds',
  'veza_trpc_calls_total',
  'veza_trpc_call_duration_seconds',
  'veza_websocket_connections',
  'veza_trpc_subscriptions_active',
  'veza_jobs_waiting',
  'veza_jobs_oldest_waiting_age_seconds',
  'veza_job_duration_seconds',
  'veza_jobs_failed_total',
  'veza_db_pool_connections',
  'veza_session_cache_lookups_total',
  'veza_users_registered_total',
  'veza_tracks_uploaded_total',
  'veza_tracks_processed_total',
  'veza_likes_total',
  'veza_logins_total',
  'veza_ready',
  'veza_data_dir_free_ratio',
  'veza_process_resident_memory_bytes',
];

let t: ObservedApp;
beforeAll(async () => {
  t = await startObservedApp({}, { queue: true });
});
afterAll(() => t.close());

const scrape = async () => {
  const res = await fetch(`${t.origin}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
};
const trpc = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${t.origin}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('/metrics', () => {
  it('exposes every metric of the contract, with label values pre-initialised at 0', async () => {
    const text = await scrape();
    for (const name of CONTRACT) expect(text, name).toContain(`# TYPE ${name} `);
    const s = samples(text);
    expect(s.get('veza_users_registered_total{method="oauth"}')).toBe(0);
    expect(s.get('veza_logins_total{method="passkey"}')).toBe(0);
    expect(s.get('veza_tracks_processed_total{outcome="failed"}')).toBe(0);
    expect(s.get('veza_session_cache_lookups_total{result="hit"}')).toBe(0);
    expect(s.get('veza_jobs_failed_total{kind="track.process"}')).toBe(0);
    // Re-processing after a ladder change and the delayed clean-up have their series too.
    expect(s.get('veza_jobs_failed_total{kind="track.reladder"}')).toBe(0);
    expect(s.get('veza_jobs_oldest_waiting_age_seconds{kind="track.retire-renditions"}')).toBe(0);
    expect(s.get('veza_ready')).toBe(1);
    expect(s.get('veza_trpc_subscriptions_active{procedure="tracks.onStatus"}')).toBe(0);
    expect(s.get('veza_websocket_connections')).toBe(0);
    expect(s.get('veza_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
    const free = s.get('veza_data_dir_free_ratio') ?? -1;
    expect(free).toBeGreaterThan(0);
    expect(free).toBeLessThanOrEqual(1);
  });

  it('counts HTTP requests by bounded route, tRPC calls by procedure and code, and business events', async () => {
    const registered = await trpc('auth.register', { email: 'mia@example.com', username: 'mia', password: 'correct horse battery staple' });
    expect(registered.status).toBe(200);
    const { result } = (await registered.json()) as { result: { data: { accessToken: string } } };
    const bearer = { authorization: `Bearer ${result.data.accessToken}` };
    expect((await fetch(`${t.origin}/trpc/auth.me`)).status).toBe(401);
    expect((await trpc('auth.login', { login: 'mia', password: 'correct horse battery staple' })).status).toBe(200);
    // A forged HLS token is refused on the fast path, beside Fastify: still counted, under a bounded route.
    expect((await fetch(`${t.origin}/media/hls/00000000-0000-4000-8000-000000000000/1.forged/master.m3u8`)).status).toBeGreaterThanOrEqual(400);
    expect((await fetch(`${t.origin}/no/such/${crypto.randomUUID()}`)).status).toBe(404);

    const body = multipart([{ name: 'file', filename: 'tone.wav', content: sineWav({ seconds: 0.3 }), type: 'audio/wav' }]);
    const uploaded = await fetch(`${t.origin}/api/tracks`, { method: 'POST', headers: { ...body.headers, ...bearer }, body: new Uint8Array(body.payload) });
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as { id: string };
    expect((await trpc('tracks.like', { id }, bearer)).status).toBe(200);

    const s = samples(await scrape());
    expect(s.get('veza_http_requests_total{method="POST",route="/trpc",status_class="2xx"}')).toBeGreaterThanOrEqual(3);
    expect(s.get('veza_http_requests_total{method="GET",route="/trpc",status_class="4xx"}')).toBe(1);
    expect(s.get('veza_http_requests_total{method="GET",route="/media/hls",status_class="4xx"}')).toBe(1);
    expect(s.get('veza_http_requests_total{method="POST",route="/api/tracks",status_class="2xx"}')).toBe(1);
    expect(s.get('veza_http_requests_total{method="GET",route="static",status_class="4xx"}')).toBe(1);
    expect(s.get('veza_http_request_duration_seconds_count{method="POST",route="/trpc"}')).toBeGreaterThanOrEqual(3);
    expect(s.get('veza_trpc_calls_total{procedure="auth.register",type="mutation",code="OK"}')).toBe(1);
    expect(s.get('veza_trpc_calls_total{procedure="auth.me",type="query",code="UNAUTHORIZED"}')).toBe(1);
    expect(s.get('veza_trpc_call_duration_seconds_count{procedure="auth.login",type="mutation"}')).toBe(1);
    expect(s.get('veza_users_registered_total{method="password"}')).toBe(1);
    expect(s.get('veza_logins_total{method="password"}')).toBe(1);
    expect(s.get('veza_tracks_uploaded_total')).toBe(1);
    expect(s.get('veza_likes_total')).toBe(1);
    // No worker runs here: the upload's processing job waits in the queue.
    expect(s.get('veza_jobs_waiting{kind="track.process"}')).toBe(1);
    expect(s.get('veza_jobs_oldest_waiting_age_seconds{kind="track.process"}')).toBeGreaterThanOrEqual(0);
    // Unknown paths share one label value: no series per URL.
    expect([...s.keys()].some((k) => k.includes('/no/such'))).toBe(false);
  });

  it('counts open WebSockets and active subscriptions', async () => {
    const signedUp = await trpc('auth.register', { email: 'ws@example.com', username: 'wsuser', password: 'correct horse battery staple' });
    const { result } = (await signedUp.json()) as { result: { data: { accessToken: string } } };
    const ws = new WebSocket(`${t.origin.replace('http', 'ws')}/trpc`, { headers: { authorization: `Bearer ${result.data.accessToken}` } });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'notifications.onEvent', input: {} } }));
    await expect.poll(async () => samples(await scrape()).get('veza_websocket_connections')).toBe(1);
    await expect.poll(async () => samples(await scrape()).get('veza_trpc_subscriptions_active{procedure="notifications.onEvent"}')).toBe(1);
    ws.close();
    await expect.poll(async () => samples(await scrape()).get('veza_websocket_connections')).toBe(0);
    await expect.poll(async () => samples(await scrape()).get('veza_trpc_subscriptions_active{procedure="notifications.onEvent"}')).toBe(0);
  });
});
