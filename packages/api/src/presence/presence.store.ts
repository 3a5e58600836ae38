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
 *
 * The two implementations: presence.memory-store.ts and presence.redis-store.ts; the record and what others see of
 * it: presence.record.ts.
 */
import type { RedisClient } from '@veza/bus';
import type { PresenceStatus } from '@veza/validators';
import { memoryPresenceStore } from './presence.memory-store.ts';
import type { Heartbeat, PresenceChange, PresenceChoice, PresenceRecord } from './presence.record.ts';
import { redisPresenceStore } from './presence.redis-store.ts';

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

/** The options with their defaults, as the implementations take them. */
export interface PresenceStoreSettings {
  keyPrefix: string;
  ttlMs: number;
  keepMs: number;
  claimLimit: number;
  now: () => number;
}

export const PRESENCE_TTL_MS = 90_000;
/** How often clients should send heartbeats: three per TTL, so one lost heartbeat does not show anyone offline. */
export const PRESENCE_HEARTBEAT_MS = 30_000;
/** Choices and last seen are forgotten after this long without a heartbeat. */
const KEEP_MS = 30 * 24 * 3600_000;
/** Most users one `claimExpired` call hands out. */
const CLAIM_LIMIT = 500;

export function createPresenceStore(options: PresenceStoreOptions = {}): PresenceStore {
  const settings: PresenceStoreSettings = {
    keyPrefix: options.keyPrefix ?? 'presence',
    ttlMs: options.ttlMs ?? PRESENCE_TTL_MS,
    keepMs: options.keepMs ?? KEEP_MS,
    claimLimit: CLAIM_LIMIT,
    now: options.now ?? Date.now,
  };
  return options.redis ? redisPresenceStore(options.redis, settings) : memoryPresenceStore(settings);
}
