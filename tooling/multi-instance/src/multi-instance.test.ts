// Many instances for real: HAProxy in front of two server processes and a worker, on PostgreSQL and Redis (runs when
// DATABASE_URL and REDIS_URL are set, as in CI). One story, in order: sign in through the balancer, upload with tus
// across servers, processing by the worker, live events and revocation across servers, Prometheus on every dashboard
// query and alert, then a rolling stop of one server under load.
import { createHash, randomInt } from 'node:crypto';
import { sineWav } from '@veza/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  mutation,
  query,
  ResumableSubscription,
  sessionIdOf,
  signIn,
  signUpAndIn,
  tusCreate,
  tusOffset,
  tusPatch,
  type Account,
} from './client.ts';
import { startCluster, type Cluster } from './cluster.ts';
import { redisGet, sleep, waitFor } from './processes.ts';
import { alertQueries, panelQueries } from './queries.ts';

const enabled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
/** A client IP of its own per run: the servers' per-IP limits live in Redis and outlast a run. */
const ip = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const suffix = Math.random().toString(36).slice(2, 8);

let cluster: Cluster;
let ana: Account;
let bob: Account;
const tracks: string[] = [];

describe.runIf(enabled)('many instances behind HAProxy', () => {
  beforeAll(async () => {
    cluster = await startCluster({ postgresUrl: process.env.DATABASE_URL ?? '', redisUrl: process.env.REDIS_URL ?? '', path: process.env.PATH ?? '' });
  }, 150_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('signs up and in through the balancer; the session works on both servers', async () => {
    ana = await signUpAndIn(cluster.origin, `ana_${suffix}`, ip());
    bob = await signUpAndIn(cluster.origin, `bob_${suffix}`, ip());
    for (const server of cluster.servers) {
      const me = await query<{ username: string }>(server.origin, 'auth.me', undefined, ana.headers);
      expect(me.username).toBe(ana.username);
    }
  });

  it('runs the hourly housekeeping on one server only (a Redis lease per deployment)', async () => {
    const key = `veza:lease:account-purge:${createHash('sha256').update(cluster.databaseUrl).digest('hex').slice(0, 16)}`;
    const owner = await waitFor('the purge lease', () => redisGet(process.env.REDIS_URL ?? '', key).then((v) => v ?? undefined), 10_000);
    // Both servers started and asked for the interval: the one named in the lease ran the pass, the other skipped it.
    const ownerPid = Number(owner.split(':').at(-1));
    const [runner, skipper] = cluster.servers[0].proc.child.pid === ownerPid ? cluster.servers : [cluster.servers[1], cluster.servers[0]];
    expect(runner.proc.child.pid).toBe(ownerPid);
    expect(skipper.proc.output()).toContain('account purge: another instance runs this interval');
    expect(runner.proc.output()).not.toContain('account purge: another instance runs this interval');
  });

  it('continues on server B a tus upload started on server A, and uploads through the balancer', async () => {
    const [a, b] = cluster.servers;
    const wav = sineWav({ seconds: 2 });
    const half = Math.floor(wav.length / 2);
    const path = await tusCreate(a.origin, ana, wav.length, 'across');
    expect((await tusPatch(a.origin, ana, path, 0, wav.subarray(0, half))).offset).toBe(half);
    // Server B sees the upload A received (shared UPLOAD_DIR), resumes at its offset and finishes it.
    expect(await tusOffset(b.origin, ana, path)).toBe(half);
    const done = await tusPatch(b.origin, ana, path, half, wav.subarray(half));
    expect(done.offset).toBe(wav.length);
    expect(done.trackId).toMatch(/\S/);
    tracks.push(done.trackId ?? '');

    // Through HAProxy, in three requests (round robin spreads them over both servers).
    const second = await tusCreate(cluster.origin, ana, wav.length, 'balanced');
    let offset = 0;
    let trackId: string | null = null;
    for (const size of [Math.floor(wav.length / 3), Math.floor(wav.length / 3), wav.length]) {
      const chunk = wav.subarray(offset, Math.min(wav.length, offset + size));
      ({ offset, trackId } = await tusPatch(cluster.origin, ana, second, offset, chunk));
    }
    expect(trackId).toMatch(/\S/);
    tracks.push(trackId ?? '');
  });

  it('processes the uploads in the worker process, not in the servers', async () => {
    for (const id of tracks) {
      const status = await waitFor(`track ${id} ready`, async () => {
        const track = await query<{ status: string }>(cluster.origin, 'tracks.byId', { id }, ana.headers);
        if (track.status === 'failed') throw new Error(`track ${id} failed processing`);
        return track.status === 'ready' ? track.status : undefined;
      }, 60_000, 300);
      expect(status).toBe('ready');
    }
    expect(cluster.worker.proc.output()).toContain('processed track');
    for (const server of cluster.servers) expect(server.proc.output()).not.toContain('processed track');
  });

  it('delivers a like made on server A to a subscriber connected to server B', async () => {
    const [a, b] = cluster.servers;
    const sub = new ResumableSubscription(`${b.origin.replace('http', 'ws')}/trpc`, 'notifications.onEvent', ana.headers);
    await sub.start();
    try {
      await mutation(a.origin, 'tracks.like', { id: tracks[0] }, bob.headers);
      await waitFor('the like on the other server', () => sub.events.find((e) => e.data.type === 'track.liked'), 10_000).catch((error: unknown) => {
        throw new Error(`${String(error)}; received: ${sub.received.join('\n')}`);
      });
    } finally {
      sub.close();
    }
  });

  it('cuts, on server B, the sockets of a session revoked on server A', async () => {
    const [a, b] = cluster.servers;
    const phone = await signIn(cluster.origin, ana.username, ana.headers['x-forwarded-for'] ?? ip());
    const socket = new WebSocket(`${b.origin.replace('http', 'ws')}/trpc`, { headers: phone.headers });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    // The connection is signed in on B (its context resolved) before the revocation: a call over it answers as ana.
    const answered = new Promise<string>((resolve) =>
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: { data?: { username?: string } } };
        if (message.id === 1) resolve(message.result?.data?.username ?? '');
      }),
    );
    socket.send(JSON.stringify({ id: 1, method: 'query', params: { path: 'auth.me' } }));
    expect(await answered).toBe(ana.username);
    await mutation(a.origin, 'auth.sessions.revoke', { id: sessionIdOf(phone.token) }, ana.headers);
    const code = await Promise.race([closed, sleep(10_000).then(() => -1)]);
    expect(code).toBe(4401);
  });

  it('Prometheus scrapes both servers and the worker; every dashboard query and alert expression returns series', async () => {
    await cluster.startPrometheus();
    const promQuery = async (expr: string) => {
      const res = await fetch(`${cluster.prometheusOrigin}/api/v1/query?query=${encodeURIComponent(expr)}`);
      const body = (await res.json()) as { status: string; error?: string; data?: { result: unknown[] } };
      if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
      return body.data?.result ?? [];
    };
    await waitFor('three healthy scrape targets', async () => (await promQuery('up == 1')).length === 3, 30_000, 500);
    // Traffic of every kind the panels show: calls (one refused), a live subscription, a like.
    const sub = new ResumableSubscription(`${cluster.origin.replace('http', 'ws')}/trpc`, 'notifications.onEvent', ana.headers);
    await sub.start();
    try {
      await query(cluster.origin, 'auth.me', undefined, { 'x-forwarded-for': ip() }).catch(() => undefined);
      await mutation(cluster.origin, 'tracks.like', { id: tracks[1] }, bob.headers);
      // rate() needs two samples after the traffic.
      await sleep(3_500);
      const missing: string[] = [];
      for (const { source, expr } of [...panelQueries(), ...alertQueries()]) {
        const result = await promQuery(expr).catch((error: unknown) => {
          missing.push(`${source}: ${String(error)}`);
          return null;
        });
        if (result && result.length === 0) missing.push(`${source}: no series for ${expr}`);
      }
      expect(missing).toEqual([]);
      console.log(`Prometheus: ${panelQueries().length} panel queries and ${alertQueries().length} alert measures return series`);
      const rules = (await (await fetch(`${cluster.prometheusOrigin}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string; health: string }[] }[] } };
      const unhealthy = rules.data.groups.flatMap((g) => g.rules).filter((r) => r.health !== 'ok');
      expect(unhealthy).toEqual([]);
    } finally {
      sub.close();
    }
  });

  it('drains a server on SIGTERM: /readyz fails first, in-flight work finishes, clients retry and resume without losses', async () => {
    const [a, b] = cluster.servers;
    // Two subscribers opened back to back through round robin: one on each server. The one cut off waits 1.5 s
    // before reconnecting, so likes happen while it is away and reach it only by resuming from its lastEventId.
    const subs = [0, 1].map(() => new ResumableSubscription(`${cluster.origin.replace('http', 'ws')}/trpc`, 'notifications.onEvent', ana.headers, 1_500));
    for (const sub of subs) await sub.start();
    // Fans who will like during the stop (each like is one event for ana).
    const fans: Account[] = [];
    for (let i = 0; i < 6; i++) fans.push(await signUpAndIn(cluster.origin, `fan${i}_${suffix}`, ip()));

    // A client calling all along, retrying a failed call as a client would (at most 5 times).
    let calling = true;
    const stats = { calls: 0, retried: 0, failedForGood: 0 };
    const caller = (async () => {
      while (calling) {
        for (let attempt = 0; ; attempt++) {
          try {
            await query(cluster.origin, 'tracks.byId', { id: tracks[0] }, bob.headers);
            break;
          } catch {
            if (attempt >= 5) {
              stats.failedForGood++;
              break;
            }
            stats.retried++;
            await sleep(100);
          }
        }
        stats.calls++;
        await sleep(20);
      }
    })();

    // In flight on A when the signal comes: an upload whose second half is sent only once A stops accepting.
    const wav = sineWav({ seconds: 1 });
    const half = Math.floor(wav.length / 2);
    const path = await tusCreate(a.origin, ana, wav.length, 'in-flight');
    await tusPatch(a.origin, ana, path, 0, wav.subarray(0, half));
    const { request } = await import('node:http');
    const slow = request(`${a.origin}${path}`, {
      method: 'PATCH',
      headers: { 'tus-resumable': '1.0.0', ...ana.headers, 'upload-offset': String(half), 'content-type': 'application/offset+octet-stream', 'content-length': String(wav.length - half) },
    });
    const slowAnswer = new Promise<{ status: number; trackId: string | undefined }>((resolve, reject) => {
      slow.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, trackId: res.headers['veza-track-id'] as string | undefined }));
      });
      slow.on('error', reject);
    });
    slow.write(wav.subarray(half, half + 1000));

    a.proc.child.kill('SIGTERM');
    // The stopping server fails /readyz at once while it still serves.
    await waitFor('server A failing /readyz', async () => (await fetch(`${a.origin}/readyz`)).status === 503, 2_000, 50);
    expect((await fetch(`${a.origin}/healthz`)).status).toBe(200);

    // Likes during the drain and after A closed, through the balancer (a failed like is retried: liking is idempotent).
    for (const fan of fans) {
      await waitFor(`like by ${fan.username}`, async () => {
        await mutation(cluster.origin, 'tracks.like', { id: tracks[1] }, fan.headers);
        return true;
      }, 10_000, 100);
      await sleep(700);
    }
    await waitFor('A to stop accepting', () => a.proc.output().includes('shutting down: finishing in-flight requests'), 10_000);
    slow.end(wav.subarray(half + 1000));
    const finished = await slowAnswer;
    expect(finished.status).toBe(204);
    expect(finished.trackId).toMatch(/\S/);

    expect(await a.proc.exited).toBe(0);
    calling = false;
    await caller;

    // Every event reached both subscribers, in order, the one on A included (it reconnected through HAProxy to B).
    const likes = (s: ResumableSubscription) => s.events.filter((e) => e.data.type === 'track.liked').map((e) => e.id);
    await waitFor('all likes on both subscribers', () => subs.every((s) => likes(s).length >= fans.length), 10_000);
    const [first, second] = subs.map(likes);
    expect(first).toEqual(second);
    expect(subs.some((s) => s.closeCodes.includes(1012) && s.connections === 2)).toBe(true);
    expect(subs.every((s) => s.isOpen())).toBe(true);
    for (const sub of subs) sub.close();

    expect(stats.failedForGood).toBe(0);
    expect(stats.calls).toBeGreaterThan(20);
    // The order of a drain, as logged: draining, then closing, then stopped.
    const log = a.proc.output();
    const order = ['draining: /readyz fails, still serving', 'shutting down: finishing in-flight requests', '"msg":"stopped"'].map((m) => log.indexOf(m));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    // B carries on alone.
    expect((await fetch(`${b.origin}/readyz`)).status).toBe(200);
    console.log(`drain: ${stats.calls} calls through HAProxy, ${stats.retried} retried, ${stats.failedForGood} failed`);
  });

  it('takes the replacement of the stopped server back into rotation once it is ready (rolling deploy)', async () => {
    const next = await cluster.replaceServer(0);
    const trpcRequestsOn = async () => {
      const res = await fetch(`http://127.0.0.1:${next.metricsPort}/metrics`, { headers: { authorization: `Bearer ${cluster.metricsToken}` } });
      const text = await res.text();
      return [...text.matchAll(/^veza_http_requests_total\{[^}]*route="\/trpc"[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    };
    // HAProxy needs two passing checks, then ramps the new server's share up (slowstart): keep calling meanwhile.
    await waitFor('requests through HAProxy reaching the new server', async () => {
      for (let i = 0; i < 10; i++) await query(cluster.origin, 'tracks.byId', { id: tracks[0] }, bob.headers);
      return (await trpcRequestsOn()) > 0;
    }, 30_000, 200);
  });
});
