// Server test harness: the real app over a real database (PGlite in memory, or a fresh PostgreSQL
// database when DATABASE_URL is set), real local storage in a temp folder, the in-process bus.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiDeps } from '@veza/api';
import { createTestDatabase } from '@veza/db/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { buildDeps } from '../deps.ts';
import { openQueue, schedulerFor, startProcessingWorker, type VezaQueue } from '../processing.ts';
import { loadConfig, type Config } from '../env.ts';

export const PASSWORD = 'correct horse battery staple';
export const TEST_SECRET = 'server-test-secret-server-test-secret-0123';

export interface TestApp {
  app: FastifyInstance;
  deps: ApiDeps;
  config: Config;
  /** Track ids handed to the job queue. */
  enqueued: string[];
  /** The durable queue, with `processing: true`. */
  queue: VezaQueue | null;
  dataDir: string;
  /** Files left anywhere under a folder of the data dir (`tmp`, `media`). */
  filesUnder(folder: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * `processing: true` runs the real durable queue (on the test database) and the processing worker
 * with real ffmpeg; otherwise queued track ids are only recorded in `enqueued`.
 */
export async function createTestApp(env: Record<string, string> = {}, options: { processing?: boolean } = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'veza-srv-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    JWT_SECRET: TEST_SECRET,
    WEB_DIST: join(dataDir, 'no-web-build'),
    ...env,
  });
  const db = await createTestDatabase();
  const enqueued: string[] = [];
  const queue = options.processing ? await openQueue(config, db) : null;
  const deps = buildDeps(config, db, queue ? schedulerFor(queue) : { enqueueTrackProcessing: async (id) => void enqueued.push(id) });
  const app = await buildApp(config, deps);
  if (queue) await startProcessingWorker(queue, deps, config, app.log);
  return {
    app,
    deps,
    config,
    enqueued,
    queue,
    dataDir,
    async filesUnder(folder) {
      try {
        const entries = await readdir(join(dataDir, folder), { recursive: true, withFileTypes: true });
        return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
    async close() {
      await app.close();
      await queue?.stop({ graceful: false });
      await deps.bus.close();
      await db.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestUser {
  id: string;
  username: string;
  token: string;
  /** `Cookie` header value carrying the session cookies set by the server. */
  cookie: string;
  bearer: { authorization: string };
}

/** Signs a user up through the tRPC HTTP endpoint, exactly as the web app does. */
export async function register(app: FastifyInstance, username: string): Promise<TestUser> {
  const res = await app.inject({
    method: 'POST',
    url: '/trpc/auth.register',
    payload: { email: `${username}@example.com`, username, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  const body = res.json<{ result: { data: { accessToken: string; user: { id: string; username: string } } } }>();
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const token = body.result.data.accessToken;
  return { id: body.result.data.user.id, username, token, cookie, bearer: { authorization: `Bearer ${token}` } };
}

/** A tRPC query over HTTP; returns `result.data` or throws with the error body. */
export async function trpcQuery<T>(app: FastifyInstance, path: string, input: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await app.inject({ method: 'GET', url: `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, headers });
  if (res.statusCode !== 200) throw new Error(`${path} failed: ${res.statusCode} ${res.body}`);
  return res.json<{ result: { data: T } }>().result.data;
}

export async function trpcMutation<T>(app: FastifyInstance, path: string, input: unknown, headers: Record<string, string> = {}): Promise<T> {
  // As a browser on the app's page sends it (cookie-authenticated calls need it).
  const origin = { origin: 'http://localhost' };
  const res = await app.inject({ method: 'POST', url: `/trpc/${path}`, payload: JSON.stringify(input), headers: { 'content-type': 'application/json', ...origin, ...headers } });
  if (res.statusCode !== 200) throw new Error(`${path} failed: ${res.statusCode} ${res.body}`);
  return res.json<{ result: { data: T } }>().result.data;
}

/** A chat room `owner` creates, joined by each of `members` (through an invite when private); its id. */
export async function chatRoom(app: FastifyInstance, owner: TestUser, members: TestUser[], name: string, visibility: 'public' | 'private'): Promise<string> {
  const { id } = await trpcMutation<{ id: string }>(app, 'chat.rooms.create', { name, visibility }, owner.bearer);
  for (const member of members) {
    if (visibility === 'public') {
      await trpcMutation(app, 'chat.rooms.join', { roomId: id }, member.bearer);
    } else {
      const { code } = await trpcMutation<{ code: string }>(app, 'chat.invites.create', { roomId: id }, owner.bearer);
      await trpcMutation(app, 'chat.invites.accept', { code }, member.bearer);
    }
  }
  return id;
}

export type Part = { name: string; value: string } | { name: string; filename: string; content: Buffer; type?: string };

/** A multipart/form-data body, built by hand so tests control every byte (and the filename). */
export function multipart(parts: Part[]): { payload: Buffer; headers: { 'content-type': string } } {
  const boundary = `----veza${crypto.randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('filename' in part) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
            `Content-Type: ${part.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        part.content,
        Buffer.from('\r\n'),
      );
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads through the real route and returns the new track id. */
export async function upload(app: FastifyInstance, user: TestUser, content: Buffer, filename = 'tone.wav', title?: string): Promise<string> {
  const body = multipart([...(title ? [{ name: 'title', value: title }] : []), { name: 'file', filename, content, type: 'audio/wav' }]);
  const res = await app.inject({ method: 'POST', url: '/api/tracks', payload: body.payload, headers: { ...body.headers, ...user.bearer } });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}
