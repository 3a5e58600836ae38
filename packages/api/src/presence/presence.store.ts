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
 *    status (online / away / dnd / invisible), whether to share what they listen to, and `seenAt`: the last heartbeat
 *    while not invisible — so an invisible user's last seen stays at the moment they went invisible, and others
 *    cannot tell invisible from offline.
 */
import type { RedisClient } from '@veza/bus';
import type { PresenceStatus, VisiblePresenceStatus } from '@veza/validators';

export interface Heartbeat {
  /** A track id to show as "listening to" (already checked by the caller), or null. */
  listeningTo: string | null;
  idle: boolean;
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

export interface PresenceStore {
  /** Records the user's choice of status and/or sharing; turning sharing off forgets the current track at once. */
  choose(userId: string, choice: { status?: PresenceStatus | undefined; shareListening?: boolean | undefined }): Promise<PresenceRecord>;
  /** A connection says the user is here (refreshes the TTL). `listeningTo` is dropped when the user does not share. */
  heartbeat(userId: string, beat: Heartbeat): Promise<PresenceRecord>;
  /** The records of these users, in the same order (unknown users: offline, never seen). */
  read(userIds: string[]): Promise<PresenceRecord[]>;
  close(): Promise<void>;
}

export interface PresenceStoreOptions {
  /** An ioredis client shared with the server; memory only when absent. Not closed here: its owner closes it. */
  redis?: RedisClient | undefined;
  /** Prefix of every Redis key (tests use a unique one). */
  keyPrefix?: string;
  /** A user without a heartbeat for this long is offline (default 90 s). */
  ttlMs?: number;
  /** Choices and last seen are forgotten after this long without a heartbeat (default 30 days). */
  keepMs?: number;
  now?: () => number;
}

export const PRESENCE_TTL_MS = 90_000;
/** How often clients should send heartbeats: three per TTL, so one lost heartbeat does not show anyone offline. */
export const PRESENCE_HEARTBEAT_MS = 30_000;
const KEEP_MS = 30 * 24 * 3600_000;

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
  };
}

export type PresenceDto = ReturnType<typeof presenceFor>;

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
    seenAt: number | null;
    /** Last heartbeat (any status), for the TTL and for forgetting. */
    beatAt: number | null;
    idle: boolean;
    listeningTo: string | null;
    touchedAt: number;
  }
  const entries = new Map<string, Entry>();

  const record = (userId: string, e: Entry | undefined, t: number): PresenceRecord => {
    if (!e) return empty(userId);
    const live = e.beatAt !== null && t - e.beatAt < ttlMs;
    return { userId, status: e.status, shareListening: e.shareListening, live, idle: live && e.idle, listeningTo: live ? e.listeningTo : null, seenAt: e.seenAt };
  };
  /** The user's entry, moved to the end of the map: the map stays ordered from least to most recently touched. */
  const entry = (userId: string, t: number): Entry => {
    let e = entries.get(userId);
    entries.delete(userId);
    if (!e || t - e.touchedAt >= keepMs) e = { status: 'online', shareListening: true, seenAt: null, beatAt: null, idle: false, listeningTo: null, touchedAt: t };
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
    async choose(userId, choice) {
      const t = now();
      sweep(t);
      const e = entry(userId, t);
      if (choice.status !== undefined) e.status = choice.status;
      if (choice.shareListening !== undefined) e.shareListening = choice.shareListening;
      if (!e.shareListening) e.listeningTo = null;
      return record(userId, e, t);
    },
    async heartbeat(userId, beat) {
      const t = now();
      sweep(t);
      const e = entry(userId, t);
      e.beatAt = t;
      e.idle = beat.idle;
      e.listeningTo = e.shareListening ? beat.listeningTo : null;
      if (e.status !== 'invisible') e.seenAt = t;
      return record(userId, e, t);
    },
    async read(userIds) {
      const t = now();
      return userIds.map((id) => {
        const e = entries.get(id);
        return record(id, e && t - e.touchedAt < keepMs ? e : undefined, t);
      });
    },
    close: async () => {
      entries.clear();
    },
  };
}

function redisStore(redis: RedisClient, options: PresenceStoreOptions): PresenceStore {
  const prefix = options.keyPrefix ?? 'presence';
  const ttlMs = options.ttlMs ?? PRESENCE_TTL_MS;
  const keepMs = options.keepMs ?? KEEP_MS;
  const now = options.now ?? Date.now;
  const userKey = (id: string) => `${prefix}:user:${id}`;
  const liveKey = (id: string) => `${prefix}:live:${id}`;

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
    async choose(userId, choice) {
      const fields: Record<string, string> = {};
      if (choice.status !== undefined) fields.status = choice.status;
      if (choice.shareListening !== undefined) fields.share = choice.shareListening ? '1' : '0';
      const tx = redis.multi();
      if (Object.keys(fields).length > 0) tx.hset(userKey(userId), fields);
      tx.pexpire(userKey(userId), keepMs);
      // Turning sharing off forgets the current track (the live entry keeps its TTL).
      if (choice.shareListening === false) {
        const live = await redis.get(liveKey(userId));
        if (live !== null) tx.set(liveKey(userId), JSON.stringify({ ...(JSON.parse(live) as object), listeningTo: null }), 'KEEPTTL');
      }
      results(await tx.exec());
      return readOne(userId);
    },
    async heartbeat(userId, beat) {
      const hash = await redis.hmget(userKey(userId), 'status', 'share');
      const [status, share] = hash;
      const listeningTo = share === '0' ? null : beat.listeningTo;
      const tx = redis.multi().set(liveKey(userId), JSON.stringify({ idle: beat.idle, listeningTo }), 'PX', ttlMs);
      // Last seen moves only while visible; the choices are kept as long as the user comes back.
      if (status !== 'invisible') tx.hset(userKey(userId), 'seen', String(now()));
      tx.pexpire(userKey(userId), keepMs);
      results(await tx.exec());
      return readOne(userId);
    },
    read,
    close: async () => {},
  };
}
