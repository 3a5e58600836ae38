// A per-instance cache of live sessions, so an authenticated request needs no database round trip in the
// common case. The database stays the source of truth: every writer of a field the viewer depends on goes
// through `invalidate.ts`, which drops the entries here at once and announces it on the bus, so every other
// instance drops them too. While the bus is down the cache serves nothing, and it starts empty once the bus is
// back; a short TTL bounds the damage of any bus message missed all the same.
import type { EventBus } from '@veza/bus';
import type { UserRole } from '@veza/db';
import type { MeDto } from '../users/users.dto.ts';

/** What a request's viewer needs, as read from the session row and its user. */
export interface CachedSession {
  sessionId: string;
  userId: string;
  username: string;
  role: UserRole;
  elevatedUntil: Date | null;
  /** The session's absolute end: an entry is never served past it. */
  expiresAt: Date;
  /** "Last seen" as last written to the database (epoch ms), to touch it at most once a minute. */
  lastUsedAt: number;
}

/** Bus channel: these session ids were revoked (sockets close, caches drop). */
export const SESSION_REVOKED_CHANNEL = 'auth.session.revoked';
/** Bus channel: these sessions changed (e.g. a step-up) but stay live: caches drop them. */
export const SESSION_CHANGED_CHANNEL = 'auth.session.changed';
/** Bus channel: these users changed (role, lock, name, deletion): caches drop all their sessions. */
export const USER_CHANGED_CHANNEL = 'auth.user.changed';
/** Bus channel: what these users' own account shows changed (profile, email, password, 2FA, deletion date). */
export const ACCOUNT_CHANGED_CHANNEL = 'auth.account.changed';

export interface SessionRevokedMessage {
  sessionIds: string[];
}
export interface SessionChangedMessage {
  sessionIds: string[];
}
export interface UserChangedMessage {
  userIds: string[];
}
export interface AccountChangedMessage {
  userIds: string[];
}

export interface SessionCacheOptions {
  /** At most this many sessions are held; the least recently used go first. Default 10,000. */
  maxEntries?: number;
  /** An entry is re-read from the database after this long, bus or not. Default 30 s. */
  ttlMs?: number;
  /** The clock (tests move it). */
  now?: () => number;
}

interface Entry<T = CachedSession> {
  value: T;
  /** Epoch ms after which the entry is not served. */
  staleAt: number;
}

const idsOf = (payload: unknown, key: 'sessionIds' | 'userIds'): string[] => {
  const ids = (payload as Record<string, unknown> | null)?.[key];
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
};

/**
 * Bounded LRU of live sessions keyed by session id, with a per-user index for "drop everything of this user";
 * beside it, a bounded LRU of accounts (what auth.me answers) keyed by user id, dropped with the user.
 * Nothing is served or stored until the bus subscriptions are in place: an entry could otherwise miss its
 * invalidation. A lookup that raced an invalidation (read from the database before it, stored after it) is
 * not stored: `generation()` before the read, `set(…, generation)` after.
 */
export class SessionCache {
  readonly maxEntries: number;
  readonly ttlMs: number;
  private readonly now: () => number;
  /** Map order is recency order: a hit moves the entry to the end, eviction takes the first. */
  private readonly entries = new Map<string, Entry>();
  private readonly byUser = new Map<string, Set<string>>();
  /** auth.me's answer per user id, same recency order and bounds as the sessions. */
  private readonly accounts = new Map<string, Entry<MeDto>>();
  private gen = 0;
  private listening = false;
  private closed = false;
  private readonly unsubscribers: (() => Promise<void>)[] = [];
  /** Resolves once the cache listens on the bus (it serves nothing before). */
  readonly ready: Promise<void>;

  constructor(bus: EventBus, options: SessionCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.ttlMs = options.ttlMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.ready = this.listen(bus);
  }

  private async listen(bus: EventBus) {
    const onSessions = (payload: unknown) => this.dropSessions(idsOf(payload, 'sessionIds'));
    const subscriptions = await Promise.all([
      bus.subscribe(SESSION_REVOKED_CHANNEL, onSessions),
      bus.subscribe(SESSION_CHANGED_CHANNEL, onSessions),
      bus.subscribe(USER_CHANGED_CHANNEL, (payload) => this.dropUsers(idsOf(payload, 'userIds'))),
      bus.subscribe(ACCOUNT_CHANGED_CHANNEL, (payload) => this.dropAccounts(idsOf(payload, 'userIds'))),
    ]);
    this.unsubscribers.push(...subscriptions);
    // Messages published while the bus is down are lost: serve nothing meanwhile, and start afresh after.
    const offDelivery = bus.onDeliveryChange?.((delivering) => {
      this.clear();
      this.listening = delivering && !this.closed;
    });
    if (offDelivery) this.unsubscribers.push(async () => offDelivery());
    if (this.closed) await this.close();
    else this.listening = true;
  }

  get size() {
    return this.entries.size;
  }

  /** The live session, or undefined when not cached (or stale, or past its end). */
  get(sessionId: string): CachedSession | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    const now = this.now();
    if (now >= entry.staleAt || now >= entry.value.expiresAt.getTime()) {
      this.delete(sessionId);
      return undefined;
    }
    this.entries.delete(sessionId);
    this.entries.set(sessionId, entry);
    return entry.value;
  }

  /** A token to pass to `set`: any invalidation in between makes that `set` a no-op. */
  generation(): number {
    return this.gen;
  }

  /** Stores a session read from the database at `generation`; false when it was not stored. */
  set(value: CachedSession, generation: number): boolean {
    if (!this.listening || generation !== this.gen) return false;
    this.delete(value.sessionId);
    this.entries.set(value.sessionId, { value, staleAt: this.now() + this.ttlMs });
    let sessions = this.byUser.get(value.userId);
    if (!sessions) this.byUser.set(value.userId, (sessions = new Set()));
    sessions.add(value.sessionId);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    return true;
  }

  /** A user's account as auth.me shows it, or undefined when not cached (or stale). */
  getAccount(userId: string): MeDto | undefined {
    const entry = this.accounts.get(userId);
    if (!entry) return undefined;
    if (this.now() >= entry.staleAt) {
      this.accounts.delete(userId);
      return undefined;
    }
    this.accounts.delete(userId);
    this.accounts.set(userId, entry);
    return entry.value;
  }

  /** Stores an account read from the database at `generation` (frozen: every hit shares it); false when not stored. */
  setAccount(userId: string, value: MeDto, generation: number): boolean {
    if (!this.listening || generation !== this.gen) return false;
    this.accounts.delete(userId);
    this.accounts.set(userId, { value: Object.freeze(value), staleAt: this.now() + this.ttlMs });
    while (this.accounts.size > this.maxEntries) {
      const oldest = this.accounts.keys().next().value;
      if (oldest === undefined) break;
      this.accounts.delete(oldest);
    }
    return true;
  }

  /** Records that "last seen" was written (the entry keeps its place and its TTL). */
  touched(sessionId: string, at: number) {
    const entry = this.entries.get(sessionId);
    if (entry) entry.value = { ...entry.value, lastUsedAt: at };
  }

  dropSessions(sessionIds: readonly string[]) {
    this.gen++;
    for (const id of sessionIds) this.delete(id);
  }

  dropUsers(userIds: readonly string[]) {
    this.gen++;
    for (const userId of userIds) {
      for (const id of [...(this.byUser.get(userId) ?? [])]) this.delete(id);
      this.accounts.delete(userId);
    }
  }

  /** Drops these users' accounts only (their sessions stay: the viewer did not change). */
  dropAccounts(userIds: readonly string[]) {
    this.gen++;
    for (const userId of userIds) this.accounts.delete(userId);
  }

  /** Drops everything (e.g. after the bus may have missed messages). */
  clear() {
    this.gen++;
    this.entries.clear();
    this.byUser.clear();
    this.accounts.clear();
  }

  async close() {
    this.closed = true;
    this.listening = false;
    this.clear();
    const unsubscribers = this.unsubscribers.splice(0);
    await Promise.all(unsubscribers.map((off) => off()));
  }

  private delete(sessionId: string) {
    const entry = this.entries.get(sessionId);
    if (!entry) return;
    this.entries.delete(sessionId);
    const sessions = this.byUser.get(entry.value.userId);
    sessions?.delete(sessionId);
    if (sessions?.size === 0) this.byUser.delete(entry.value.userId);
  }
}
