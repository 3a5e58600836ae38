// The presence store in Redis (REDIS_URL): shared by every instance, live entries expiring on their own.
import type { RedisClient } from '@veza/bus';
import { emptyPresence, type PresenceRecord } from './presence.record.ts';
import type { PresenceStore, PresenceStoreSettings } from './presence.store.ts';

/** Seeds the choices loaded from the database unless they became known meanwhile (a concurrent choose). */
const SEED_CHOICE = `if redis.call('HEXISTS', KEYS[1], 'known') == 0 then redis.call('HSET', KEYS[1], 'status', ARGV[1], 'share', ARGV[2], 'known', '1') end return 0`;

/**
 * Claims users whose deadline passed: removed from the expiry set in the same step, so one caller gets each. One
 * whose live entry still exists (a heartbeat raced the deadline, or clocks differ) is put back with its real end.
 * KEYS[1]: the expiry set; ARGV: now, limit, the live keys' prefix.
 */
const CLAIM_EXPIRED = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local claimed = {}
for _, id in ipairs(ids) do
  local left = redis.call('PTTL', ARGV[3] .. id)
  if left > 0 then
    redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + left, id)
  else
    redis.call('ZREM', KEYS[1], id)
    table.insert(claimed, id)
  end
end
return claimed`;

/** The store in Redis, shared by every instance: presence.store.ts says which keys hold what. */
export function redisPresenceStore(redis: RedisClient, { keyPrefix: prefix, ttlMs, keepMs, claimLimit, now }: PresenceStoreSettings): PresenceStore {
  const userKey = (id: string) => `${prefix}:user:${id}`;
  const liveKey = (id: string) => `${prefix}:live:${id}`;
  const connKey = (id: string) => `${prefix}:conns:${id}`;
  const expiryKey = `${prefix}:expiry`;

  const parse = (userId: string, hash: Record<string, string> | null, live: string | null): PresenceRecord => {
    const base = emptyPresence(userId);
    const h = hash ?? {};
    const status = (['online', 'away', 'dnd', 'invisible'] as const).find((s) => s === h.status) ?? base.status;
    const shareListening = h.share === undefined ? true : h.share === '1';
    const seen = h.seen === undefined ? null : Number(h.seen);
    const beat = live === null ? null : (JSON.parse(live) as { idle: boolean; listeningTo: string | null });
    return {
      userId,
      status,
      shareListening,
      live: beat !== null,
      idle: beat?.idle ?? false,
      listeningTo: beat && shareListening ? beat.listeningTo : null,
      seenAt: seen !== null && Number.isFinite(seen) ? seen : null,
    };
  };

  /** Results of a MULTI/pipeline, failing on the first command error. */
  const results = (res: [Error | null, unknown][] | null) => {
    if (!res) throw new Error('presence: the Redis transaction was aborted');
    for (const [error] of res) if (error) throw error;
    return res.map(([, value]) => value);
  };

  /** The user's hash (null when empty) and live entry, in one round trip. */
  const raw = async (userId: string) => {
    const [hash, live] = results(await redis.pipeline().hgetall(userKey(userId)).get(liveKey(userId)).exec()) as [Record<string, string>, string | null];
    return { hash: Object.keys(hash).length > 0 ? hash : null, live };
  };

  const readOne = async (userId: string) => (await read([userId]))[0] ?? emptyPresence(userId);

  async function read(userIds: string[]): Promise<PresenceRecord[]> {
    if (userIds.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const id of userIds) pipeline.hgetall(userKey(id));
    pipeline.mget(...userIds.map(liveKey));
    const values = results(await pipeline.exec());
    const lives = values[userIds.length] as (string | null)[];
    return userIds.map((id, i) => {
      const hash = values[i] as Record<string, string>;
      return parse(id, Object.keys(hash).length > 0 ? hash : null, lives[i] ?? null);
    });
  }

  return {
    ttlMs,
    async choose(userId, choice) {
      const before = await raw(userId);
      const previous = parse(userId, before.hash, before.live);
      const fields: Record<string, string> = {};
      if (choice.status !== undefined) fields.status = choice.status;
      if (choice.shareListening !== undefined) fields.share = choice.shareListening ? '1' : '0';
      if (choice.status !== undefined && choice.shareListening !== undefined) fields.known = '1';
      const tx = redis.multi();
      if (Object.keys(fields).length > 0) tx.hset(userKey(userId), fields);
      tx.pexpire(userKey(userId), keepMs);
      // Turning sharing off forgets the current track (the live entry keeps its TTL).
      if (choice.shareListening === false && before.live !== null) {
        tx.set(liveKey(userId), JSON.stringify({ ...(JSON.parse(before.live) as object), listeningTo: null }), 'KEEPTTL');
      }
      results(await tx.exec());
      return { previous, record: await readOne(userId) };
    },
    async heartbeat(userId, beat, loadChoice) {
      const before = await raw(userId);
      const previous = parse(userId, before.hash, before.live);
      let { status, shareListening } = previous;
      const tx = redis.multi();
      if (before.hash?.known !== '1' && loadChoice) {
        ({ status, shareListening } = await loadChoice());
        tx.eval(SEED_CHOICE, 1, userKey(userId), status, shareListening ? '1' : '0');
      }
      const t = now();
      tx.set(liveKey(userId), JSON.stringify({ idle: beat.idle, listeningTo: shareListening ? beat.listeningTo : null }), 'PX', ttlMs);
      // Last seen moves only while visible; the choices are kept as long as the user comes back.
      if (status !== 'invisible') tx.hset(userKey(userId), 'seen', String(t));
      tx.pexpire(userKey(userId), keepMs);
      tx.zadd(expiryKey, t + ttlMs, userId);
      results(await tx.exec());
      return { previous, record: await readOne(userId) };
    },
    async disconnect(userId) {
      const before = await raw(userId);
      const previous = parse(userId, before.hash, before.live);
      const tx = redis.multi().del(liveKey(userId)).zrem(expiryKey, userId);
      if (previous.live && previous.status !== 'invisible') tx.hset(userKey(userId), 'seen', String(now())).pexpire(userKey(userId), keepMs);
      results(await tx.exec());
      return { previous, record: await readOne(userId) };
    },
    async claimExpired(limit = claimLimit) {
      return (await redis.eval(CLAIM_EXPIRED, 1, expiryKey, String(now()), String(limit), `${prefix}:live:`)) as string[];
    },
    async connectionOpened(userId, instanceId) {
      results(await redis.multi().zadd(connKey(userId), now() + ttlMs, instanceId).pexpire(connKey(userId), ttlMs).exec());
    },
    async connectionClosed(userId, instanceId) {
      const values = results(
        await redis
          .multi()
          .zrem(connKey(userId), instanceId)
          .zremrangebyscore(connKey(userId), '-inf', now())
          .zcard(connKey(userId))
          .exec(),
      );
      return Number(values[2]);
    },
    async renewConnections(instanceId, userIds) {
      if (userIds.length === 0) return;
      const end = now() + ttlMs;
      const pipeline = redis.pipeline();
      for (const id of userIds) pipeline.zadd(connKey(id), end, instanceId).pexpire(connKey(id), ttlMs);
      results(await pipeline.exec());
    },
    read,
    close: async () => {},
  };
}
