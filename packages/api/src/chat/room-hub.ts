// Fan-out of a room's live events inside one instance. However many sockets follow a room here, the room has one bus
// subscription (a hub, counted by its subscribers, released with the last), each payload is validated once, and each
// event is serialised at most once (`sharedJson`): every subscriber holds a reference to the same frozen event, and
// the WebSocket encoder (apps/server) splices the same JSON text into each socket's frame instead of serialising the
// event again per socket. A subscriber is a plain queue of references with the bus listener's bounds (`listen` in
// @veza/bus): at most `max` events held, droppable ones dropped once `droppableAt` wait, and past the bound the
// subscriber is cut off (its next read throws `overflow()`); it resumes from its own cursor.
import type { EventBus } from '@veza/bus';

/** JSON text of values serialised once for every reader (see `sharedJson`). */
const jsonOf = new WeakMap<object, string>();

/**
 * The JSON text of `value` when it is a shared event (handed to many subscribers), serialised on first use and
 * remembered for as long as the event lives; undefined for any other value. Shared events are frozen: the text
 * cannot go stale.
 */
export function sharedJson(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !shared.has(value)) return undefined;
  let text = jsonOf.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    jsonOf.set(value, text);
  }
  return text;
}

const shared = new WeakSet<object>();

/** Marks `value` (frozen, with its nested objects) as shared by every subscriber: `sharedJson` serialises it once. */
export function share<T extends object>(value: T): T {
  deepFreeze(value);
  shared.add(value);
  return value;
}

function deepFreeze(value: object) {
  if (Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) deepFreeze(child);
}

export interface HubOptions<T> {
  /** Most events one subscriber holds while it is busy; past it the subscriber is cut off. */
  max: number;
  /** The error its next read throws once cut off. */
  overflow: () => Error;
  /** Events that may be lost (typing): dropped for a subscriber with `droppableAt` events waiting. */
  droppable: (event: T) => boolean;
  /** Held events past which droppable ones are dropped (default: a tenth of `max`). */
  droppableAt?: number;
}

/**
 * Handles one event at once, as the hub delivers it (no queue, no await): true when handled, false to leave it to
 * the subscriber's reader (the event is then queued, and so is everything after it until the reader catches up).
 */
export type DirectHandler<T> = (event: T) => boolean;

/** One subscriber's view of a room: an async iterator over the events published after it joined. */
export interface HubSubscription<T> extends AsyncIterableIterator<T> {
  /** Leaves the room (idempotent): the hub forgets this subscriber, and unsubscribes from the bus with the last. */
  return(): Promise<IteratorResult<T, undefined>>;
  /**
   * Hands events to `handler` as they arrive, whenever the reader is waiting with nothing queued (so order is kept:
   * an event is handled directly only when everything before it was read). The reader still gets the events the
   * handler declines, and keeps the subscription's end (abort, return, cut-off) to itself.
   */
  handleDirectly(handler: DirectHandler<T>): void;
}

interface Hub<T> {
  subscribers: Set<Subscriber<T>>;
  /** The bus subscription being made (joiners wait for it), then its unsubscribe. */
  ready: Promise<() => Promise<void>>;
}

/** A subscriber: its queue of references to shared events, and the waiting reader to wake. */
class Subscriber<T> implements HubSubscription<T> {
  readonly queue: T[] = [];
  /** Index of the next event to read in `queue` (shifting an array per event costs more than an index). */
  head = 0;
  cutOff = false;
  done = false;
  wake: (() => void) | null = null;
  /** See `handleDirectly`; `directOn` while the reader waits on an empty queue. */
  direct: DirectHandler<T> | null = null;
  directOn = false;
  readonly leave: () => void;
  readonly options: HubOptions<T>;
  readonly droppableAt: number;
  readonly signal: AbortSignal | undefined;

  constructor(options: HubOptions<T>, signal: AbortSignal | undefined, leave: () => void) {
    this.options = options;
    this.droppableAt = options.droppableAt ?? Math.max(1, Math.floor(options.max / 10));
    this.signal = signal;
    this.leave = leave;
  }

  get waiting() {
    return this.queue.length - this.head;
  }

  /** From the hub: one event for this subscriber (the same object every subscriber gets). */
  push(event: T) {
    if (this.cutOff || this.done) return;
    if (this.directOn) {
      if ((this.direct as DirectHandler<T>)(event)) return;
      // Declined: the reader takes it, and everything after it, until it has caught up.
      this.directOn = false;
    }
    const waiting = this.waiting;
    if (waiting >= this.droppableAt && this.options.droppable(event)) return;
    if (waiting >= this.options.max) {
      this.cutOff = true;
      this.queue.length = 0;
      this.head = 0;
      this.leave();
    } else {
      this.queue.push(event);
    }
    this.wakeUp();
  }

  wakeUp() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  async next(): Promise<IteratorResult<T, undefined>> {
    for (;;) {
      if (this.done || this.signal?.aborted) return this.return();
      if (this.cutOff) {
        await this.return();
        throw this.options.overflow();
      }
      if (this.head < this.queue.length) {
        const value = this.queue[this.head] as T;
        this.queue[this.head++] = undefined as T;
        if (this.head === this.queue.length) {
          this.queue.length = 0;
          this.head = 0;
        } else if (this.head >= 1024 && this.head * 2 >= this.queue.length) {
          this.queue.splice(0, this.head);
          this.head = 0;
        }
        return { done: false, value };
      }
      // Nothing left to read: whatever was read before has been handled, so later events may go straight through.
      if (this.direct) this.directOn = true;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.directOn = false;
    }
  }

  handleDirectly(handler: DirectHandler<T>) {
    this.direct = handler;
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    if (!this.done) {
      this.done = true;
      this.directOn = false;
      this.direct = null;
      this.queue.length = 0;
      this.head = 0;
      this.signal?.removeEventListener('abort', this.onAbort);
      this.leave();
      this.wakeUp();
    }
    return { done: true, value: undefined };
  }

  /** Abort wakes a waiting reader, which then ends; nothing more is handled directly. */
  readonly onAbort = () => {
    this.directOn = false;
    this.wakeUp();
  };

  [Symbol.asyncIterator]() {
    return this;
  }
}

/**
 * The rooms followed on this instance, per bus. `parse` validates a bus payload (null: ignored) and returns the event
 * every subscriber of the room receives; it runs once per payload, not once per subscriber.
 */
export class RoomHubs<T extends object> {
  private readonly hubs = new Map<string, Hub<T>>();
  private readonly bus: EventBus;
  private readonly parse: (payload: unknown) => T | null;

  constructor(bus: EventBus, parse: (payload: unknown) => T | null) {
    this.bus = bus;
    this.parse = parse;
  }

  /** Rooms with at least one subscriber here (tests: no hub outlives its subscribers). */
  get size() {
    return this.hubs.size;
  }

  /** Whether this instance follows `channel` (someone subscribed to it here). */
  has(channel: string) {
    return this.hubs.has(channel);
  }

  /**
   * Follows `channel`: resolves once the bus subscription is in place, so nothing published after this returns is
   * missed. The subscription ends when `signal` aborts, when it is returned, or when it falls behind (cut off).
   */
  async subscribe(channel: string, signal: AbortSignal | undefined, options: HubOptions<T>): Promise<HubSubscription<T>> {
    let hub = this.hubs.get(channel);
    if (!hub) {
      const created: Hub<T> = { subscribers: new Set(), ready: Promise.resolve(async () => undefined) };
      created.ready = this.bus.subscribe(channel, (payload) => this.deliver(created, payload));
      // A failed bus subscription is forgotten, so the next subscriber tries again.
      created.ready.catch(() => {
        if (this.hubs.get(channel) === created) this.hubs.delete(channel);
      });
      this.hubs.set(channel, created);
      hub = created;
    }
    const current = hub;
    let left = false;
    const subscriber = new Subscriber<T>(options, signal, () => {
      if (left) return;
      left = true;
      current.subscribers.delete(subscriber);
      if (current.subscribers.size > 0 || this.hubs.get(channel) !== current) return;
      this.hubs.delete(channel);
      void current.ready.then((unsubscribe) => unsubscribe()).catch(() => undefined);
    });
    current.subscribers.add(subscriber);
    signal?.addEventListener('abort', subscriber.onAbort, { once: true });
    try {
      await current.ready;
    } catch (error) {
      await subscriber.return();
      throw error;
    }
    return subscriber;
  }

  private deliver(hub: Hub<T>, payload: unknown) {
    if (hub.subscribers.size === 0) return;
    const event = this.parse(payload);
    if (event === null) return;
    // A subscriber cut off here leaves the set while it is iterated (allowed: the others are still visited once).
    for (const subscriber of hub.subscribers) subscriber.push(event);
  }
}
