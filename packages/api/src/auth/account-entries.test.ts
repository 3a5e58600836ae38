// The accounts held beside the sessions (auth.me's answer): bounded, aged out, dropped by the bus messages and by a
// bus outage, and never stored when an invalidation raced the read.
import { InMemoryBus } from '@veza/bus';
import { describe, expect, it } from 'vitest';
import type { MeDto } from '../users/users.dto.ts';
import { ACCOUNT_CHANGED_CHANNEL, SessionCache, USER_CHANGED_CHANNEL } from './session-cache.ts';

const account = (id: string, username = 'ana'): MeDto => ({
  id,
  username,
  displayName: null,
  email: `${username}@example.com`,
  avatarUrl: null,
  bio: null,
  isPrivate: false,
  role: 'user',
  createdAt: new Date(0).toISOString(),
  emailVerified: false,
  hasPassword: true,
  twoFactorEnabled: false,
  deletionRequestedAt: null,
  deletionPurgeAt: null,
});

async function cacheOn(options: ConstructorParameters<typeof SessionCache>[1] = {}) {
  const bus = new InMemoryBus();
  const cache = new SessionCache(bus, options);
  await cache.ready;
  return {
    bus,
    cache,
    close: async () => {
      await cache.close();
      await bus.close();
    },
  };
}

describe('accounts in the session cache', () => {
  it('serves a stored account (frozen) until the TTL, then re-reads', async () => {
    let now = 1_000;
    const { cache, close } = await cacheOn({ ttlMs: 100, now: () => now });
    const id = crypto.randomUUID();
    expect(cache.setAccount(id, account(id), cache.generation())).toBe(true);
    const hit = cache.getAccount(id);
    expect(hit).toEqual(account(id));
    expect(Object.isFrozen(hit)).toBe(true);
    now += 100;
    expect(cache.getAccount(id)).toBeUndefined();
    await close();
  });

  it('keeps at most maxEntries accounts, the least recently used going first', async () => {
    const { cache, close } = await cacheOn({ maxEntries: 2 });
    const [a, b, c] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    cache.setAccount(a, account(a), cache.generation());
    cache.setAccount(b, account(b), cache.generation());
    expect(cache.getAccount(a)).toBeDefined();
    cache.setAccount(c, account(c), cache.generation());
    expect(cache.getAccount(b)).toBeUndefined();
    expect(cache.getAccount(a)).toBeDefined();
    expect(cache.getAccount(c)).toBeDefined();
    await close();
  });

  it('drops an account on auth.account.changed and auth.user.changed, and not another user’s', async () => {
    const { bus, cache, close } = await cacheOn();
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    for (const channel of [ACCOUNT_CHANGED_CHANNEL, USER_CHANGED_CHANNEL]) {
      cache.setAccount(a, account(a), cache.generation());
      cache.setAccount(b, account(b), cache.generation());
      await bus.publish(channel, { userIds: [a] });
      expect(cache.getAccount(a), channel).toBeUndefined();
      expect(cache.getAccount(b), channel).toBeDefined();
    }
    await close();
  });

  it('does not store a read that an invalidation overtook', async () => {
    const { cache, close } = await cacheOn();
    const id = crypto.randomUUID();
    const before = cache.generation();
    cache.dropAccounts([id]);
    expect(cache.setAccount(id, account(id), before)).toBe(false);
    expect(cache.getAccount(id)).toBeUndefined();
    await close();
  });

  it('stores nothing before it listens and after it is closed; clear() drops accounts too', async () => {
    const bus = new InMemoryBus();
    const cache = new SessionCache(bus);
    const id = crypto.randomUUID();
    expect(cache.setAccount(id, account(id), cache.generation())).toBe(false);
    await cache.ready;
    expect(cache.setAccount(id, account(id), cache.generation())).toBe(true);
    cache.clear();
    expect(cache.getAccount(id)).toBeUndefined();
    await cache.close();
    expect(cache.setAccount(id, account(id), cache.generation())).toBe(false);
    await bus.close();
  });
});
