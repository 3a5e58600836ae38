// Test harness: a real database (PGlite, or PostgreSQL when DATABASE_URL is set), real local
// storage in a temp folder, the in-process bus, and tRPC callers acting as anonymous or signed-in users.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@veza/db';
import { createTestDatabase } from '@veza/db/testing';
import { DevMailbox } from '../mail/dev-mailbox.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { OAuthConfig } from '../oauth/oauth.config.ts';
import { createRateLimits, type RateLimits } from '../security/rate-limits.ts';
import { createPresenceStore, type PresenceStore } from '../presence/presence.store.ts';
import type { TurnConfig } from '../calls/turn.ts';
import { sineWav } from '@veza/media';
import { LocalStorage } from '@veza/storage';
import { InMemoryBus } from '@veza/bus';
import { sessionsChanged, usersChanged } from '../auth/invalidate.ts';
import { SessionCache, type SessionCacheOptions } from '../auth/session-cache.ts';
import { createContext, type ApiDeps, type CookieJar, type CookieOptions } from '../context.ts';
import { createCaller } from '../root.ts';
import { createFromUpload } from '../tracks/tracks.service.ts';

export const PASSWORD = 'correct horse battery staple';

export class MemoryJar implements CookieJar {
  readonly values = new Map<string, { value: string; options: CookieOptions }>();
  get(name: string) {
    return this.values.get(name)?.value;
  }
  set(name: string, value: string, options: CookieOptions) {
    this.values.set(name, { value, options });
  }
  clear(name: string) {
    this.values.delete(name);
  }
}

export interface HarnessOptions {
  /** Defaults to the dev mailbox in the test database. */
  mailer?: (db: Database) => Mailer;
  limits?: RateLimits;
  /** Defaults to an in-memory store. */
  presence?: PresenceStore;
  /** Defaults to no STUN/TURN servers. */
  turn?: TurnConfig;
  oauth?: OAuthConfig;
  appOrigin?: string;
  /** The session cache's bounds and clock (it is always on). */
  sessionCache?: SessionCacheOptions;
}

export async function createHarness(options: HarnessOptions = {}) {
  const db = await createTestDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'veza-api-'));
  /** Track ids handed to the job queue, in order. */
  const enqueued: string[] = [];
  const bus = new InMemoryBus();
  const sessionCache = new SessionCache(bus, options.sessionCache);
  await sessionCache.ready;
  const deps: ApiDeps = {
    db,
    storage: new LocalStorage(join(dir, 'media')),
    bus,
    tokens: {
      jwtSecret: 'test-secret-test-secret-test-secret-!!',
      issuer: 'veza',
      audience: 'veza',
      accessTokenTtlSeconds: 900,
      sessionTtlSeconds: 3600,
    },
    jobs: {
      async enqueueTrackProcessing(trackId) {
        enqueued.push(trackId);
      },
    },
    secureCookies: false,
    mailer: options.mailer?.(db) ?? new DevMailbox(db),
    // Chat and search rate limits off unless a test asks for them (chat.limits.test.ts, search-limits.test.ts): other
    // tests send, page and search freely.
    limits: options.limits ?? createRateLimits({ chat: { send: null, history: null, typing: null, search: null }, search: { suggest: null, page: null } }),
    presence: options.presence ?? createPresenceStore(),
    turn: options.turn ?? { urls: [], secret: undefined },
    security: {
      appOrigin: options.appOrigin ?? 'http://localhost:5173',
      rpId: new URL(options.appOrigin ?? 'http://localhost:5173').hostname,
      appName: 'Veza',
      encryptionKey: new Uint8Array(32).fill(7),
      deletionGraceDays: 14,
      stepUpSeconds: 600,
    },
    oauth: options.oauth ?? {},
    sessionCache,
  };

  /** `ip` and `userAgent` stand for the client's address and browser (default 127.0.0.1, "vitest"). */
  type CallerOptions = { token?: string | undefined; jar?: CookieJar | null; ip?: string | null; userAgent?: string | null };
  const context = (opts: CallerOptions = {}) =>
    createContext(deps, {
      authorization: opts.token ? `Bearer ${opts.token}` : undefined,
      cookies: opts.jar ?? null,
      meta: { ip: opts.ip === undefined ? '127.0.0.1' : opts.ip, userAgent: opts.userAgent === undefined ? 'vitest' : opts.userAgent },
    });

  const caller = async (opts: CallerOptions & { signal?: AbortSignal } = {}) =>
    createCaller(await context(opts), opts.signal ? { signal: opts.signal } : {});

  let signUps = 0;
  async function signUp(username: string) {
    // Each test user signs up from its own address, so per-IP sign-up limits do not add up across a test file; the
    // addresses share the network of the callers' default (127.0.0.1): signing in again later is from the same device.
    signUps++;
    const ip = `127.0.${Math.floor(signUps / 250)}.${(signUps % 250) + 2}`;
    const session = await (await caller({ ip })).auth.register({ email: `${username}@example.com`, username, password: PASSWORD });
    return { ...session, token: session.accessToken, api: await caller({ token: session.accessToken }) };
  }

  let n = 0;
  /** Uploads bytes as `token`'s user through the same service the HTTP route uses. */
  async function upload(token: string, data: Buffer | string = sineWav({ seconds: 1 }), opts: { filename?: string; title?: string } = {}) {
    const ctx = await context({ token });
    if (!ctx.viewer) throw new Error('upload needs a signed-in user');
    const tempPath = join(dir, `upload-${n++}`);
    await writeFile(tempPath, data);
    try {
      return await createFromUpload(ctx, ctx.viewer, {
        tempPath,
        originalFilename: opts.filename ?? 'tone.wav',
        sizeBytes: Buffer.byteLength(data),
        title: opts.title,
      });
    } finally {
      await rm(tempPath, { force: true });
    }
  }

  /** Every file under the storage root, relative. */
  const storedFiles = async () => {
    try {
      return (await readdir(join(dir, 'media'), { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
    } catch {
      return [];
    }
  };

  return {
    deps,
    db,
    enqueued,
    caller,
    signUp,
    upload,
    storedFiles,
    /** A test that edits user or session rows directly tells the session cache, as the services do. */
    usersChanged: (...userIds: string[]) => usersChanged(deps, userIds),
    sessionsChanged: (...sessionIds: string[]) => sessionsChanged(deps, sessionIds),
    async close() {
      await deps.limits.close();
      await deps.presence.close();
      await deps.mailer.close();
      await sessionCache.close();
      await deps.bus.close();
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

/** Runs `fn` and returns the tRPC error it throws (fails the test if it does not throw). */
export async function trpcError(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (error) {
    return error as { code: string; message: string; cause?: { fieldErrors?: Record<string, string[]> } };
  }
  throw new Error('expected an error');
}

export type Account = Awaited<ReturnType<Harness['signUp']>>;

/**
 * `people('ana', 'bob')` signs up one account per name, as `<prefix><round>.<name>`: each call is a new round, so a
 * test file's tests never reuse a name. `people.round` is the current round (for names made in SQL alongside).
 * `harness` is read at call time (it is made in beforeAll).
 */
export function peopleOf(harness: () => Harness, prefix: string) {
  let round = 0;
  const people = async <const N extends string[]>(...names: N): Promise<{ [K in keyof N]: Account }> => {
    round += 1;
    return (await Promise.all(names.map((name) => harness().signUp(`${prefix}${round}.${name}`)))) as { [K in keyof N]: Account };
  };
  return Object.assign(people, {
    get round() {
      return round;
    },
  });
}
