// The per-instance session cache: hits need no database, every path that changes a viewer refuses or
// re-reads at once, entries age out after the TTL, and the cache stays within its bound.
import { Session, User } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InMemoryBus } from '@veza/bus';
import { purgeDueAccounts } from '../account/deletion.service.ts';
import { setRoleFromCli } from '../admin/admin.service.ts';
import { createContext } from '../context.ts';
import type { ApiMetrics } from '../observability/metrics.ts';
import { createHarness, MemoryJar, PASSWORD, trpcError, type Harness } from '../test/harness.ts';
import { REFRESH_COOKIE } from './cookies.ts';
import { SessionCache, type CachedSession } from './session-cache.ts';

const sessionIdOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sid: string }).sid;

/** Counts session cache lookups through the metrics interface the server implements. */
function lookups() {
  const seen = { hit: 0, miss: 0 };
  // Only the session cache's counter matters here; every other report is ignored.
  const record = (result: 'hit' | 'miss') => void seen[result]++;
  const metrics = new Proxy({} as ApiMetrics, { get: (_, name) => (name === 'sessionCache' ? record : () => undefined) });
  return { seen, metrics };
}

let h: Harness;
let counter: ReturnType<typeof lookups>;
beforeAll(async () => {
  h = await createHarness();
  counter = lookups();
  h.deps.metrics = counter.metrics;
});
afterAll(() => h.close());

/** Signs `login` in once more (another device); its access token, refresh token and a fresh caller per call. */
async function device(login: string) {
  const jar = new MemoryJar();
  const res = await (await h.caller({ jar })).auth.login({ login, password: PASSWORD });
  if (res.status !== 'signed_in') throw new Error('expected a session');
  const token = res.accessToken;
  return { token, refreshToken: jar.get(REFRESH_COOKIE) ?? '', sessionId: sessionIdOf(token), api: () => h.caller({ token }) };
}

/** A signed-in user whose session is in the cache (one call made). */
async function cachedUser(name: string) {
  const account = await h.signUp(name);
  await (await h.caller({ token: account.token })).auth.me();
  expect(h.deps.sessionCache.get(sessionIdOf(account.token))).toBeDefined();
  return account;
}

const admin = async () => {
  const boss = await h.signUp(`boss${crypto.randomUUID().slice(0, 8)}`);
  await h.db.fork().nativeUpdate(User, { id: boss.user.id }, { role: 'admin' });
  await h.usersChanged(boss.user.id);
  return boss;
};

describe('a cache hit', () => {
  it('resolves the viewer without forking an EntityManager (no query), and reports hit/miss', async () => {
    const ana = await h.signUp('cache.ana');
    const input = { authorization: `Bearer ${ana.token}`, cookies: null, meta: { ip: null, userAgent: null } };
    h.deps.sessionCache.dropSessions([sessionIdOf(ana.token)]);
    Object.assign(counter.seen, { hit: 0, miss: 0 });
    const fork = vi.spyOn(h.db, 'fork');
    const sql = vi.spyOn(h.db, 'executeSql');
    try {
      const first = await createContext(h.deps, input);
      expect(first.viewer?.username).toBe('cache.ana');
      expect(counter.seen).toEqual({ hit: 0, miss: 1 });
      expect(fork).toHaveBeenCalledTimes(1);

      fork.mockClear();
      const second = await createContext(h.deps, input);
      expect(second.viewer).toEqual(first.viewer);
      expect(counter.seen).toEqual({ hit: 1, miss: 1 });
      expect(fork).not.toHaveBeenCalled();
      expect(sql).not.toHaveBeenCalled();

      // The request's EntityManager is forked on first use, once.
      expect(await second.em.count(User, { id: ana.user.id })).toBe(1);
      expect(await second.em.count(Session, { user: ana.user.id })).toBe(1);
      expect(fork).toHaveBeenCalledTimes(1);
    } finally {
      fork.mockRestore();
      sql.mockRestore();
    }
  });

  it('still refuses a token whose session was never cached and does not exist', async () => {
    const ana = await cachedUser('cache.gone');
    await h.db.fork().nativeDelete(Session, { id: sessionIdOf(ana.token) });
    await h.sessionsChanged(sessionIdOf(ana.token));
    expect((await trpcError(async () => (await h.caller({ token: ana.token })).auth.me())).code).toBe('UNAUTHORIZED');
  });
});

type Case = {
  name: string;
  /** Changes something through the public surface; `victim` is signed in and cached on two devices. */
  act: (victim: { username: string; userId: string; a: Awaited<ReturnType<typeof device>>; b: Awaited<ReturnType<typeof device>> }) => Promise<void>;
  /** Which of the victim's devices the next call must refuse. */
  refused: ('a' | 'b')[];
};

const cases: Case[] = [
  { name: 'log-out', act: async ({ a }) => void (await (await a.api()).auth.logout()), refused: ['a'] },
  { name: 'revoke one', act: async ({ a, b }) => void (await (await a.api()).auth.sessions.revoke({ id: b.sessionId })), refused: ['b'] },
  { name: 'revoke others', act: async ({ a }) => void (await (await a.api()).auth.sessions.revokeOthers()), refused: ['b'] },
  { name: 'revoke all', act: async ({ a }) => void (await (await a.api()).auth.sessions.revokeAll()), refused: ['a', 'b'] },
  {
    name: 'refresh token reuse',
    act: async ({ b }) => {
      await (await h.caller()).auth.refresh({ refreshToken: b.refreshToken });
      expect((await trpcError(async () => (await h.caller()).auth.refresh({ refreshToken: b.refreshToken }))).code).toBe('UNAUTHORIZED');
    },
    refused: ['b'],
  },
  {
    name: 'lock',
    act: async ({ userId }) => void (await (await h.caller({ token: (await admin()).token })).admin.users.setLocked({ userId, locked: true })),
    refused: ['a', 'b'],
  },
  { name: 'password change', act: async ({ a }) => void (await (await a.api()).account.changePassword({ newPassword: `${PASSWORD}!` })), refused: ['b'] },
  { name: 'deletion request', act: async ({ a }) => void (await (await a.api()).account.requestDeletion()), refused: ['b'] },
  {
    name: 'deletion (purge)',
    act: async ({ a }) => {
      await (await a.api()).account.requestDeletion();
      await purgeDueAccounts(h.deps, new Date(Date.now() + 15 * 86_400_000));
    },
    refused: ['a', 'b'],
  },
];

describe('every invalidation path refuses the next call at once', () => {
  let n = 0;
  it.each(cases)('$name', async ({ act, refused }) => {
    const username = `inval${n++}`;
    const account = await h.signUp(username);
    const [a, b] = [await device(username), await device(username)];
    for (const d of [a, b]) await (await d.api()).auth.me();
    expect(h.deps.sessionCache.get(a.sessionId) && h.deps.sessionCache.get(b.sessionId)).toBeDefined();

    await act({ username, userId: account.user.id, a, b });

    for (const [key, d] of Object.entries({ a, b })) {
      const outcome = await trpcError(async () => (await d.api()).auth.me()).catch(() => ({ code: 'OK' }));
      expect({ device: key, code: outcome.code }).toEqual({ device: key, code: refused.includes(key as 'a' | 'b') ? 'UNAUTHORIZED' : 'OK' });
    }
  });

  it('role change (admin): the next call has the new role', async () => {
    const cat = await cachedUser('inval.role');
    const api = () => h.caller({ token: cat.token });
    expect((await trpcError(async () => (await api()).admin.users.list({}))).code).toBe('FORBIDDEN');
    await (await h.caller({ token: (await admin()).token })).admin.users.setRole({ userId: cat.user.id, role: 'moderator' });
    expect((await (await api()).admin.users.list({})).items.length).toBeGreaterThan(0);
  });

  it('role change (command line): the next call has the new role', async () => {
    const dan = await cachedUser('inval.cli');
    const api = () => h.caller({ token: dan.token });
    expect((await trpcError(async () => (await api()).admin.users.list({}))).code).toBe('FORBIDDEN');
    await setRoleFromCli(h.deps, 'inval.cli', 'moderator');
    expect((await (await api()).admin.users.list({})).items.length).toBeGreaterThan(0);
  });

  it('step-up: the next call is elevated', async () => {
    const eve = await cachedUser('inval.stepup');
    const api = () => h.caller({ token: eve.token });
    await h.db.fork().nativeUpdate(Session, { id: sessionIdOf(eve.token) }, { elevatedUntil: null });
    await h.sessionsChanged(sessionIdOf(eve.token));
    const before = await trpcError(async () => (await api()).account.requestDeletion());
    expect(before).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'step_up_required' } });
    await (await api()).auth.me();
    await (await api()).mfa.stepUp({ method: 'password', secret: PASSWORD });
    expect(await (await api()).account.requestDeletion()).toHaveProperty('purgeAt');
  });
});

describe('bounds', () => {
  it('an entry is re-read from the database after the TTL, even if nobody said it changed', async () => {
    let now = Date.now();
    const t = await createHarness({ sessionCache: { ttlMs: 30_000, now: () => now } });
    try {
      const fay = await t.signUp('ttl.fay');
      await (await t.caller({ token: fay.token })).auth.me();
      // A change behind the cache's back (no invalidation) is not seen while the entry is fresh…
      await t.db.fork().nativeUpdate(User, { id: fay.user.id }, { role: 'moderator' });
      expect((await trpcError(async () => (await t.caller({ token: fay.token })).admin.users.list({}))).code).toBe('FORBIDDEN');
      now += 29_000;
      expect((await trpcError(async () => (await t.caller({ token: fay.token })).admin.users.list({}))).code).toBe('FORBIDDEN');
      // …and is once the TTL has passed.
      now += 2_000;
      expect((await (await t.caller({ token: fay.token })).admin.users.list({})).items.length).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('holds at most maxEntries sessions, dropping the least recently used', async () => {
    const t = await createHarness({ sessionCache: { maxEntries: 2 } });
    try {
      const users = [await t.signUp('lru.a'), await t.signUp('lru.b'), await t.signUp('lru.c')];
      for (const u of users) await (await t.caller({ token: u.token })).auth.me();
      expect(t.deps.sessionCache.size).toBe(2);
      const [first, second, third] = users.map((u) => sessionIdOf(u.token));
      expect([first, second, third].map((id) => t.deps.sessionCache.get(id ?? '') !== undefined)).toEqual([false, true, true]);
      // Evicted means re-read, not refused.
      expect((await (await t.caller({ token: users[0]?.token })).auth.me()).username).toBe('lru.a');
    } finally {
      await t.close();
    }
  });

  it('does not store a read that raced an invalidation, and serves nothing before it listens', async () => {
    const bus = new InMemoryBus();
    const cache = new SessionCache(bus);
    const entry: CachedSession = {
      sessionId: crypto.randomUUID(),
      userId: crypto.randomUUID(),
      username: 'x',
      role: 'user',
      elevatedUntil: null,
      expiresAt: new Date(Date.now() + 60_000),
      lastUsedAt: Date.now(),
    };
    expect(cache.set(entry, cache.generation())).toBe(false);
    await cache.ready;
    const before = cache.generation();
    cache.dropUsers([crypto.randomUUID()]);
    expect(cache.set(entry, before)).toBe(false);
    expect(cache.set(entry, cache.generation())).toBe(true);
    await bus.publish('auth.user.changed', { userIds: [entry.userId] });
    expect(cache.get(entry.sessionId)).toBeUndefined();
    await cache.close();
    await bus.close();
  });

  it('serves nothing while the bus is down (messages would be lost) and starts empty when it is back', async () => {
    /** An in-process bus whose delivery can be cut, as a Redis subscriber connection can drop. */
    class FlakyBus extends InMemoryBus {
      readonly listeners = new Set<(delivering: boolean) => void>();
      onDeliveryChange(listener: (delivering: boolean) => void) {
        this.listeners.add(listener);
        return () => void this.listeners.delete(listener);
      }
      deliver(delivering: boolean) {
        for (const l of this.listeners) l(delivering);
      }
    }
    const bus = new FlakyBus();
    const cache = new SessionCache(bus);
    await cache.ready;
    const entry: CachedSession = {
      sessionId: crypto.randomUUID(),
      userId: crypto.randomUUID(),
      username: 'y',
      role: 'user',
      elevatedUntil: null,
      expiresAt: new Date(Date.now() + 60_000),
      lastUsedAt: Date.now(),
    };
    expect(cache.set(entry, cache.generation())).toBe(true);
    bus.deliver(false);
    expect(cache.get(entry.sessionId)).toBeUndefined();
    expect(cache.set(entry, cache.generation())).toBe(false);
    bus.deliver(true);
    expect(cache.get(entry.sessionId)).toBeUndefined();
    expect(cache.set(entry, cache.generation())).toBe(true);
    await cache.close();
    expect(bus.listeners.size).toBe(0);
    await bus.close();
  });
});
