/**
 * Who is online. Each connection of a user sends a heartbeat every ~30 s; a user is live while a heartbeat is
 * younger than `ttlMs` (90 s by default), so the users of a killed instance go offline within two minutes without
 * anyone telling the store. In Redis (shared by every instance) when a client is given, in memory otherwise (one
 * instance) — the same choice as the rate limits.
 *
 * Per user the store keeps:
 *  - the live entry (Redis: `<prefix>:live:<userId>`, expiring after `ttlMs`, refreshed by each heartbeat): the
 *    idle flag and the track being listened to;
 *  - the user's choices and last seen (Redis: hash `<prefix>:user:<userId>`, kept `keepMs`, 30 days by default):
 *    status (online / away / dnd / invisible), whether to share what they listen to, whether those choices are
 *    known (`known`: loaded from the database, where they are kept for good: see presence.service.ts), and
 *    `seenAt`: the last heartbeat while not invisible — so an invisible user's last seen stays at the moment they
 *    went invisible, and others cannot tell invisible from offline;
 *  - when the live entry runs out (Redis: sorted set `<prefix>:expiry`), so that one instance (whichever claims
 *    it first) can announce "offline" when a user's heartbeats stop (presence.live.ts sweeps it);
 *  - which instances hold a WebSocket of the user (Redis: sorted set `<prefix>:conns:<userId>`, instance id →
 *    lease end, renewed by each instance while the socket is open), so closing the last socket anywhere takes
 *    the user offline at once, and a killed instance's leases simply run out.
 */
import type { RedisClient } from '@veza/bus';
import type { PresenceStatus, VisiblePresenceStatus } from '@veza/validators';

export interface Heartbeat {
  /** A track id to show as "listening to" (already checked by the caller), or null. */
  listeningTo: string | null;
  idle: boolean;
}

/** A user's lasting choices. */
export interface PresenceChoice {
  status: PresenceStatus;
  shareListening: boolean;
}

/** One user's presence as stored (the viewer's own view); `presenceFor` turns it into what others see. */
export interface PresenceRecord {
  userId: string;
  /** The user's chosen status (default online). */
  status: PresenceStatus;
  shareListening: boolean;
  /** A heartbeat is younger than the TTL. */
  live: boolean;
  idle: boolean;
  listeningTo: string | null;
  /** Last heartbeat while not invisible (ms since epoch), null when never seen. */
  seenAt: number | null;
}

/** A change, with the record just before it (to tell whether anyone should hear about it). */
export interface PresenceChange {
  previous: PresenceRecord;
  record: PresenceRecord;
}

export interface PresenceStore {
  /** Milliseconds without a heartbeat after which a user is offline. */
  readonly ttlMs: number;
  /**
   * Records the user's choice of status and/or sharing; turning sharing off forgets the current track at once.
   * Giving both marks the choices as known (heartbeats then do not load them).
   */
  choose(userId: string, choice: { status?: PresenceStatus | undefined; shareListening?: boolean | undefined }): Promise<PresenceChange>;
  /**
   * A connection says the user is here (refreshes the TTL). `listeningTo` is dropped when the user does not share.
   * When the store does not know the user's choices (expired, or a fresh store), `loadChoice` gives them (once).
   */
  heartbeat(userId: string, beat: Heartbeat, loadChoice?: () => Promise<PresenceChoice>): Promise<PresenceChange>;
  /** The user has no connection left anywhere: offline now (last seen now, unless invisible). */
  disconnect(userId: string): Promise<PresenceChange>;
  /**
   * Users whose live entry ran out since they were last claimed, each handed to one caller only (across instances),
   * at most `limit`. A user who came back meanwhile is not returned.
   */
  claimExpired(limit?: number): Promise<string[]>;
  /** `instanceId` holds a socket of the user (renewed with `renewConnections` while it does). */
  connectionOpened(userId: string, instanceId: string): Promise<void>;
  /** `instanceId` holds no socket of the user any more; returns how many instances still do. */
  connectionClosed(userId: string, instanceId: string): Promise<number>;
  /** Extends `instanceId`'s leases on these users' connections (call every `ttlMs / 3`). */
  renewConnections(instanceId: string, userIds: string[]): Promise<void>;
  /** The records of these users, in the same order (unknown users: offline, never seen). */
  read(userIds: string[]): Promise<PresenceRecord[]>;
  close(): Promise<void>;
}

export interface PresenceStoreOptions {
  /** An ioredis client shared with the server; memory only when absent. Not closed here: its owner closes it. */
  redis?: RedisClient | undefined;
  /** Prefix of every Redis key (tests use a unique one). */
  keyPrefix?: string;
  /** A user without a heartbeat for this long is offline (default 90 s); also the connection lease. */
  ttlMs?: number;
  /** Choices and last seen are forgotten after this long without a heartbeat (default 30 days). */
  keepMs?: number;
  now?: () => number;
}

export const PRESENCE_TTL_MS = 90_000;
/** How often clients should send heartbeats: three per TTL, so one lost heartbeat does not show anyone offline. */
export const PRESENCE_HEARTBEAT_MS = 30_000;
const KEEP_MS = 30 * 24 * 3600_000;
const CLAIM_LIMIT = 500;

/** What `viewerId` sees of `record`: the whole record for oneself; invisible reads as offline, and nothing live shows when offline. */
export function presenceFor(record: PresenceRecord, viewerId: string) {
  const self = record.userId === viewerId;
  const shown = record.live && (self || record.status !== 'invisible');
  let status: VisiblePresenceStatus | 'invisible' = 'offline';
  if (shown) status = record.status === 'online' && record.idle ? 'away' : record.status;
  return {
    userId: record.userId,
    status,
    lastSeenAt: record.seenAt === null ? null : new Date(record.seenAt).toISOString(),
    listeningTo: shown && record.shareListening ? record.listeningTo : null,
    /** The user's own choice to show what they listen to; only in their own presence (null for others). */
    shareListening: self ? record.shareListening : null,
  };
}

export type PresenceDto = ReturnType<typeof presenceFor>;

/**
 * Whether a change shows: the user's own view (status, track) moved. What others see is a function of that view
 * (invisible → offline), so anything they could notice is included; last seen alone moving (each heartbeat) is not.
 */
export function presenceChanged({ previous, record }: PresenceChange): boolean {
  const [a, b] = [presenceFor(previous, previous.userId), presenceFor(record, record.userId)];
  return a.status !== b.status || a.listeningTo !== b.listeningTo;
}

const empty = (userId: string): PresenceRecord => ({
  userId,
  status: 'online',
  shareListening: true,
  live: false,
  idle: false,
  listeningTo: null,
  seenAt: null,
});

export function createPresenceStore(options: PresenceStoreOptions = {}): PresenceStore {
  return options.redis ? redisStore(options.redis, options) : memoryStore(options);
}

function memoryStore(options: PresenceStoreOptions): PresenceStore {
  const ttlMs = options.ttlMs ?? PRESENCE_TTL_MS;
  const keepMs = options.keepMs ?? KEEP_MS;
  const now = options.now ?? Date.now;
  interface Entry {
    status: PresenceStatus;
    shareListening: boolean;
    known: boolean;
    seenAt: number | null;
    /** Last heartbeat (any status), for the TTL and for forgetting. */
    beatAt: number | null;
    idle: boolean;
    listeningTo: string | null;
    touchedAt: number;
  }
  const entries = new Map<string, Entry>();
  /** Live users' deadlines, until claimed as expired or disconnected. */
  const deadlines = new Map<string, number>();
  /** Instances holding a socket of the user → lease end. */
  const connections = new Map<string, Map<string, number>>();

  const record = (userId: string, e: Entry | undefined, t: number): PresenceRecord => {
    if (!e) return empty(userId);
    const live = e.beatAt !== null && t - e.beatAt < ttlMs;
    return { userId, status: e.status, shareListening: e.shareListening, live, idle: live && e.idle, listeningTo: live ? e.listeningTo : null, seenAt: e.seenAt };
  };
  const current = (userId: string, t: number) => {
    const e = entries.get(userId);
    return record(userId, e && t - e.touchedAt < keepMs ? e : undefined, t);
  };
  /** The user's entry, moved to the end of the map: the map stays ordered from least to most recently touched. */
  const entry = (userId: string, t: number): Entry => {
    let e = entries.get(userId);
    entries.delete(userId);
    if (!e || t - e.touchedAt >= keepMs) e = { status: 'online', shareListening: true, known: false, seenAt: null, beatAt: null, idle: false, listeningTo: null, touchedAt: t };
    e.touchedAt = t;
    entries.set(userId, e);
    return e;
  };
  /** Forgets entries untouched for `keepMs` (the oldest come first), so the map does not grow with every user ever seen. */
  const sweep = (t: number) => {
    for (const [id, e] of entries) {
      if (t - e.touchedAt < keepMs) break;
      entries.delete(id);
    }
  };

  return {
    ttlMs,
    async choose(userId, choice) {
      const t = now();
      sweep(t);
      const previous = current(userId, t);
      const e = entry(userId, t);
      if (choice.status !== undefined) e.status = choice.status;
      if (choice.shareListening !== undefined) e.shareListening = choice.shareListening;
      if (choice.status !== undefined && choice.shareListening !== undefined) e.known = true;
      if (!e.shareListening) e.listeningTo = null;
      return { previous, record: record(userId, e, t) };
    },
    async heartbeat(userId, beat, loadChoice) {
      let t = now();
      const known = entries.get(userId)?.known === true && t - (entries.get(userId)?.touchedAt ?? 0) < keepMs;
      const loaded = !known && loadChoice ? await loadChoice() : null;
      t = now();
      sweep(t);
      const previous = current(userId, t);
      const e = entry(userId, t);
      // A choice made while the stored one was loading wins over it.
      if (loaded && !e.known) Object.assign(e, loaded, { known: true });
      e.beatAt = t;
      e.idle = beat.idle;
      e.listeningTo = e.shareListening ? beat.listeningTo : null;
      if (e.status !== 'invisible') e.seenAt = t;
      deadlines.delete(userId);
      deadlines.set(userId, t + ttlMs);
      return { previous, record: record(userId, e, t) };
    },
    async disconnect(userId) {
      const t = now();
      const previous = current(userId, t);
      deadlines.delete(userId);
      const e = entries.get(userId);
      if (!e || !previous.live) return { previous, record: previous };
      e.beatAt = null;
      e.listeningTo = null;
      if (e.status !== 'invisible') e.seenAt = t;
      return { previous, record: record(userId, e, t) };
    },
    async claimExpired(limit = CLAIM_LIMIT) {
      const t = now();
      const claimed: string[] = [];
      // Deadlines are kept in heartbeat order: the first one still ahead ends the scan.
      for (const [id, deadline] of deadlines) {
        if (deadline > t || claimed.length >= limit) break;
        deadlines.delete(id);
        claimed.push(id);
      }
      return claimed;
    },
    async connectionOpened(userId, instanceId) {
      let leases = connections.get(userId);
      if (!leases) connections.set(userId, (leases = new Map()));
      leases.set(instanceId, now() + ttlMs);
    },
    async connectionClosed(userId, instanceId) {
      const leases = connections.get(userId);
      if (!leases) return 0;
      leases.delete(instanceId);
      const t = now();
      for (const [id, end] of leases) if (end <= t) leases.delete(id);
      if (leases.size === 0) connections.delete(userId);
      return leases.size;
    },
    async renewConnections(instanceId, userIds) {
      const end = now() + ttlMs;
      for (const id of userIds) connections.get(id)?.set(instanceId, end);
    },
    async read(userIds) {
      const t = now();
      return userIds.map((id) => current(id, t));
    },
    close: async () => {
      entries.clear();
      deadlines.clear();
      connections.clear();
    },
  };
}

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

function redisStore(redis: RedisClient, options: PresenceStoreOptions): PresenceStore {
  const prefix = options.keyPrefix ?? 'presence';
  const ttlMs = options.ttlMs ?? PRESENCE_TTL_MS;
  const keepMs = options.keepMs ?? KEEP_MS;
  const now = options.now ?? Date.now;
  const userKey = (id: string) => `${prefix}:user:${id}`;
  const liveKey = (id: string) => `${prefix}:live:${id}`;
  const connKey = (id: string) => `${prefix}:conns:${id}`;
  const expiryKey = `${prefix}:expiry`;

  const parse = (userId: string, hash: Record<string, string> | null, live: string | null): PresenceRecord => {
    const base = empty(userId);
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

  const readOne = async (userId: string) => (await read([userId]))[0] ?? empty(userId);

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
    async claimExpired(limit = CLAIM_LIMIT) {
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
