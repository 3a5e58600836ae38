// Live presence: changes are announced on the bus (one channel per user, `presence:<userId>`, Redis pub/sub with
// many instances) by whoever makes them — presence.set and heartbeats when what shows changed, the last socket of
// a user closing, and the sweeper when a user's heartbeats stopped (a killed instance's users). `presence.onChange`
// listens to the users it watches and re-reads their presence from the store (the truth) on each announcement, so
// announcements arriving late or out of order across instances never show a stale state.
import { randomUUID } from 'node:crypto';
import type { EventBus } from '@veza/bus';
import type { PresenceGetInput } from '@veza/validators';
import type { ApiDeps, Viewer } from '../context.ts';
import { presenceChanged, presenceFor, type PresenceChange, type PresenceDto, type PresenceRecord } from './presence.record.ts';
import type { PresenceStore } from './presence.store.ts';

export const presenceChannel = (userId: string) => `presence:${userId}`;

/** What presence.onChange yields: one user's presence as the viewer may see it (`type` tells it apart from other events on the socket). */
export interface PresenceEventDto extends PresenceDto {
  type: 'presence';
}

/** Announces a user's presence to the watchers on every instance. */
export async function publishPresence(bus: EventBus, record: PresenceRecord): Promise<void> {
  await bus.publish(presenceChannel(record.userId), record);
}

/** Announces `change` when what it shows moved (not for a heartbeat that only moved last seen). */
export async function publishIfChanged(bus: EventBus, change: PresenceChange): Promise<void> {
  if (presenceChanged(change)) await publishPresence(bus, change.record);
}

/**
 * The presence of `input.userIds` as `viewer` may see it: first each one as it is now (in the order asked, each
 * once), then each change as it happens — for as long as the subscription lasts. Invisible users stay offline;
 * "listening to" shows only when shared. Changes coalesce per user: a watcher that reads slowly gets the latest
 * state of each, never a growing backlog (at most one pending entry per watched user).
 */
export async function* watchPresence(deps: Pick<ApiDeps, 'bus' | 'presence'>, viewer: Viewer, input: PresenceGetInput, signal: AbortSignal | undefined): AsyncGenerator<PresenceEventDto> {
  const ids = [...new Set(input.userIds)];
  const watched = new Set(ids);
  const pending = new Set<string>();
  let wake: (() => void) | null = null;
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort, { once: true });
  const unsubscribes: (() => Promise<void>)[] = [];
  try {
    // Listen first, then read: a change made meanwhile is read again below.
    for (const id of ids) {
      unsubscribes.push(
        await deps.bus.subscribe(presenceChannel(id), (payload) => {
          const userId = (payload as { userId?: unknown } | null)?.userId;
          if (typeof userId !== 'string' || !watched.has(userId)) return;
          pending.add(userId);
          wake?.();
        }),
      );
    }
    const shown = new Map<string, string>();
    const key = (dto: PresenceDto) => `${dto.status}\u0000${dto.listeningTo ?? ''}`;
    function* changed(records: PresenceRecord[], always: boolean): Generator<PresenceEventDto> {
      for (const record of records) {
        const dto = presenceFor(record, viewer.id);
        if (!always && shown.get(dto.userId) === key(dto)) continue;
        shown.set(dto.userId, key(dto));
        yield { type: 'presence', ...dto };
      }
    }
    pending.clear();
    yield* changed(await deps.presence.read(ids), true);
    while (!signal?.aborted) {
      if (pending.size === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      const batch = [...pending];
      pending.clear();
      yield* changed(await deps.presence.read(batch), false);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await Promise.allSettled(unsubscribes.map((unsubscribe) => unsubscribe()));
  }
}

export interface PresenceTrackerOptions {
  /** This instance's id in the store's connection registry (random by default). */
  instanceId?: string;
  /** How often to announce users whose heartbeats stopped (default: a third of the store's TTL, at most 30 s). */
  sweepEveryMs?: number;
  /** Failures of background work (a lost Redis): logged by the server, never thrown at a socket. */
  onError?: (error: unknown) => void;
}

export interface PresenceTracker {
  readonly instanceId: string;
  /** A WebSocket of `userId` opened on this instance. */
  opened(userId: string): void;
  /** A WebSocket of `userId` closed on this instance; the user's last one anywhere takes them offline. */
  closed(userId: string): void;
  /** Announces offline the users whose heartbeats stopped (what the timer runs); returns how many. */
  sweep(): Promise<number>;
  /** Waits for work in progress (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops the timers (sockets still open stay registered until their leases run out). */
  stop(): Promise<void>;
}

/**
 * One per server instance: counts the WebSockets of each user on this instance, keeps this instance's leases in the
 * store's connection registry while they are open, takes a user offline (and says so) when their last socket
 * anywhere closes, and every `sweepEveryMs` announces offline the users whose heartbeats stopped (an instance
 * killed with its sockets, or a client gone without closing). Each expired user is claimed by one instance only.
 */
export function startPresenceTracker(deps: Pick<ApiDeps, 'bus' | 'presence'>, options: PresenceTrackerOptions = {}): PresenceTracker {
  const instanceId = options.instanceId ?? randomUUID();
  const onError = options.onError ?? (() => undefined);
  const store = (): PresenceStore => deps.presence;
  const sockets = new Map<string, number>();
  /** Per-user work in order (an open then a close of the same user must reach the store in that order). */
  const queues = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<unknown>>();

  const track = <T>(work: Promise<T>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  };
  const enqueue = (userId: string, work: () => Promise<void>) => {
    const next = (queues.get(userId) ?? Promise.resolve()).then(work).catch(onError);
    queues.set(userId, next);
    track(next).finally(() => {
      if (queues.get(userId) === next) queues.delete(userId);
    });
  };

  async function sweep(): Promise<number> {
    let announced = 0;
    for (;;) {
      const ids = await store().claimExpired();
      if (ids.length === 0) return announced;
      for (const record of await store().read(ids)) {
        // Came back meanwhile (a heartbeat after the claim): nothing to say.
        if (record.live) continue;
        await publishPresence(deps.bus, record);
        announced++;
      }
    }
  }

  // A third of the TTL (at most 30 s): a lease is renewed twice before it could run out, and an expired user is
  // announced within TTL + a third of it (90 s + 30 s by default).
  const third = Math.max(50, Math.min(30_000, Math.floor(store().ttlMs / 3)));
  const sweeper = setInterval(() => void track(sweep().catch(onError)), options.sweepEveryMs ?? third);
  const renewer = setInterval(() => {
    if (sockets.size > 0) void track(store().renewConnections(instanceId, [...sockets.keys()]).catch(onError));
  }, third);
  sweeper.unref();
  renewer.unref();

  return {
    instanceId,
    opened(userId) {
      const count = (sockets.get(userId) ?? 0) + 1;
      sockets.set(userId, count);
      if (count === 1) enqueue(userId, () => store().connectionOpened(userId, instanceId));
    },
    closed(userId) {
      if (!sockets.has(userId)) return;
      const count = (sockets.get(userId) ?? 0) - 1;
      if (count > 0) {
        sockets.set(userId, count);
        return;
      }
      sockets.delete(userId);
      enqueue(userId, async () => {
        // Opened again meanwhile on this instance: still connected.
        if (sockets.has(userId)) return;
        if ((await store().connectionClosed(userId, instanceId)) > 0) return;
        await publishIfChanged(deps.bus, await store().disconnect(userId));
      });
    },
    sweep,
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      clearInterval(sweeper);
      clearInterval(renewer);
      await this.idle();
    },
  };
}
