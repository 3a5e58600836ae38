// The presence store in memory (one instance; no REDIS_URL): presence.store.ts says what it keeps.
import type { PresenceStatus } from '@veza/validators';
import { emptyPresence, type PresenceRecord } from './presence.record.ts';
import type { PresenceStore, PresenceStoreSettings } from './presence.store.ts';

/** The store in this process's memory (one instance). */
export function memoryPresenceStore({ ttlMs, keepMs, claimLimit, now }: PresenceStoreSettings): PresenceStore {
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
    if (!e) return emptyPresence(userId);
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
    async claimExpired(limit = claimLimit) {
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
