import { EventEmitter } from 'node:events';

/**
 * Fan-out of live events between the process that writes and the processes that hold
 * subscriptions. In-process by default; a Redis implementation plugs in for many instances.
 * Events are hints: durable state (e.g. notifications) is in the database, so a subscriber
 * that missed a message back-fills from there.
 */
export interface EventBus {
  publish(channel: string, payload: unknown): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(channel: string, handler: (payload: unknown) => void): Promise<() => Promise<void>>;
  /**
   * Tells when delivery stops (`false`: messages published meanwhile are lost) and resumes (`true`), for
   * listeners that keep state built from messages (caches). Absent on buses that never lose delivery.
   */
  onDeliveryChange?(listener: (delivering: boolean) => void): () => void;
  close(): Promise<void>;
}

export class InMemoryBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, payload: unknown) {
    this.emitter.emit(channel, payload);
  }

  async subscribe(channel: string, handler: (payload: unknown) => void) {
    this.emitter.on(channel, handler);
    return async () => {
      this.emitter.off(channel, handler);
    };
  }

  async close() {
    this.emitter.removeAllListeners();
  }
}

export interface ListenOptions<T> {
  /**
   * Most values held while the consumer is busy. Past it the listener stops listening, drops what it holds and
   * throws `overflow()` on its next read: a consumer that stops reading cannot grow memory without bound (it
   * resumes from its own cursor). Unbounded when absent.
   */
  max?: number;
  /** The error thrown on the read after an overflow. */
  overflow?: () => Error;
  /**
   * Values that may be lost (typing, presence): dropped rather than held once `droppableAt` values are waiting,
   * so they never push the listener into overflow.
   */
  droppable?: (value: T) => boolean;
  /** Held values past which droppable ones are dropped (default: a tenth of `max`). */
  droppableAt?: number;
}

const overflowed = () => new Error('This listener fell too far behind.');

/**
 * Turns bus messages on a channel into an async iterable that ends when `signal` aborts.
 * Subscribes before returning, so nothing published after the call is lost.
 */
export async function listen<T>(bus: EventBus, channel: string, signal: AbortSignal | undefined, parse: (payload: unknown) => T | null, options: ListenOptions<T> = {}) {
  const { max = Number.POSITIVE_INFINITY, overflow = overflowed, droppable } = options;
  const droppableAt = options.droppableAt ?? Math.max(1, Math.floor(max / 10));
  const buffer: T[] = [];
  let overflowedAt = false;
  let wake: (() => void) | null = null;
  let unsubscribed = false;
  const unsubscribe = await bus.subscribe(channel, (payload) => {
    if (overflowedAt) return;
    const value = parse(payload);
    if (value === null) return;
    if (droppable && buffer.length >= droppableAt && droppable(value)) return;
    if (buffer.length >= max) {
      overflowedAt = true;
      buffer.length = 0;
      void stop();
    } else {
      buffer.push(value);
    }
    wake?.();
  });
  async function stop() {
    if (unsubscribed) return;
    unsubscribed = true;
    await unsubscribe();
  }
  // Abort wakes the waiting iterator. (Racing each wait against one long-lived `aborted` promise would add a
  // reaction to it per event, kept until the subscription ends: a subscription's memory would grow with its events.)
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort, { once: true });
  async function* iterate(): AsyncGenerator<T> {
    try {
      while (!signal?.aborted) {
        if (overflowedAt) throw overflow();
        const next = buffer.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await stop();
    }
  }
  return iterate();
}
