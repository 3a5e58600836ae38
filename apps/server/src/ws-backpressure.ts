// Slow WebSocket consumers. tRPC's WebSocket adapter pulls events from subscriptions as fast as they come and
// `send`s them without waiting, and `ws` queues what the peer has not read yet in memory: a client that stops
// reading (a sleeping laptop, a stalled proxy) would grow the server's memory without bound. Every server socket
// gets a guard on its `send`: one comparison of `bufferedAmount` per frame on the fast path, no timers. Past the
// bound the socket is closed with WS_TOO_SLOW; the client reconnects and resumes each subscription from its last
// event id (chat.onRoom back-fills from the database), so nothing is lost.
import type { WebSocket } from 'ws';

/** Close code for a WebSocket that fell too far behind: reconnect and resume every subscription from its last event id. */
export const WS_TOO_SLOW = 4408;
export const WS_TOO_SLOW_REASON = 'too slow: resume from your last event id';

/** Default for WS_MAX_BUFFERED_BYTES: bytes queued for one socket before it is closed. */
export const DEFAULT_WS_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * Queued bytes past which droppable frames (typing indicators, presence changes) are dropped instead of queued, when
 * below the close bound (a client behind by this much gets messages first; it sees typing and presence again once
 * it catches up, and the next presence change or typing renewal makes good what was dropped).
 */
export const DEFAULT_WS_DROP_ABOVE_BYTES = 256 * 1024;

/** Event types a client may lose under pressure: `typing` (chat.onRoom) and `presence` (presence.onChange). */
const DROPPABLE_TYPES: ReadonlySet<unknown> = new Set(['typing', 'presence']);

/**
 * Whether an outgoing tRPC WebSocket frame carries a droppable subscription event: `{ id, result: { type: 'data',
 * data } }` where data is the event, or `{ id, data: event }` for a tracked one (chat.onRoom). Messages and every
 * other frame are never droppable. Runs only for sockets already behind (past the drop threshold): a cheap text
 * probe first (inside a JSON string, quotes are escaped, so a message body cannot look like the probe), then a parse.
 */
export function isDroppableFrame(data: unknown): boolean {
  const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : null;
  if (text === null || !(text.includes('"type":"typing"') || text.includes('"type":"presence"'))) return false;
  try {
    const result = (JSON.parse(text) as { result?: { type?: unknown; id?: unknown; data?: { type?: unknown; data?: { type?: unknown } } } }).result;
    if (result?.type !== 'data') return false;
    const event = result.id === undefined ? result.data : result.data?.data;
    return DROPPABLE_TYPES.has(event?.type);
  } catch {
    return false;
  }
}

/** After the close frame is queued, how long the client has to read up to it before the connection is cut. */
const DEFAULT_CLOSE_GRACE_MS = 10_000;

export interface SlowConsumerOptions {
  /**
   * Bytes queued and unread on one socket past which it is closed with WS_TOO_SLOW. The memory one socket can hold
   * is this plus one frame (plus what the kernel's socket buffers absorb first).
   */
  maxBufferedBytes: number;
  /**
   * Outgoing frames that may be dropped rather than queued once `dropAboveBytes` are waiting (typing indicators,
   * presence: frames a client does not miss when they are lost). Only consulted past that threshold, never on the
   * fast path. Without it nothing is dropped: every frame is queued until the bound. The server passes
   * `isDroppableFrame`.
   */
  droppable?: (data: unknown) => boolean;
  /** Queued bytes past which `droppable` frames are dropped (default: half of `maxBufferedBytes`). */
  dropAboveBytes?: number;
  /** Grace after the WS_TOO_SLOW close frame before the connection is cut (a client that never reads again). */
  closeGraceMs?: number;
  /** Told once when the socket is closed for being too slow (for logs). */
  onTooSlow?: (bufferedAmount: number) => void;
}

type Send = WebSocket['send'];
type SendCallback = (err?: Error) => void;

const dropped = (cb: SendCallback | undefined, why: string) => {
  if (cb) process.nextTick(cb, new Error(why));
};

/**
 * Guards `socket`'s `send` (call it before anything sends on the socket). Below the drop threshold a frame is sent
 * as is; past it, `droppable` frames are dropped; past `maxBufferedBytes` the socket is closed with WS_TOO_SLOW
 * and every later frame is dropped (nothing more is queued for a socket that is closing).
 */
export function guardSlowConsumer(socket: WebSocket, options: SlowConsumerOptions): void {
  const { maxBufferedBytes, droppable } = options;
  const dropAbove = droppable ? Math.min(options.dropAboveBytes ?? Math.floor(maxBufferedBytes / 2), maxBufferedBytes) : maxBufferedBytes;
  const graceMs = options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS;
  const send: Send = socket.send.bind(socket);
  let closing = false;

  function tooSlow(buffered: number) {
    closing = true;
    options.onTooSlow?.(buffered);
    // The close frame queues behind what is buffered: a client that reads again gets every frame, then the code.
    socket.close(WS_TOO_SLOW, WS_TOO_SLOW_REASON);
    const cut = setTimeout(() => socket.terminate(), graceMs);
    cut.unref();
    socket.once('close', () => clearTimeout(cut));
  }

  /** Why the frame `data` may not be queued now (the socket is closing, or the frame is dropped), or null. */
  function refusal(data: unknown): string | null {
    if (closing) return 'WebSocket closed: too slow';
    const buffered = socket.bufferedAmount;
    if (buffered <= dropAbove) return null;
    if (buffered > maxBufferedBytes) {
      tooSlow(buffered);
      return 'WebSocket closed: too slow';
    }
    return droppable?.(data) ? 'Frame dropped: the client is behind' : null;
  }

  function guardedSend(data: unknown, optionsOrCb?: object | SendCallback, cb?: SendCallback): void {
    const why = refusal(data);
    if (why !== null) return dropped(typeof optionsOrCb === 'function' ? (optionsOrCb as SendCallback) : cb, why);
    (send as (...args: unknown[]) => void)(data, optionsOrCb, cb);
  }
  socket.send = guardedSend as Send;
  refusals.set(socket, refusal);
}

/** The guards' checks, for writers that put frames on a socket without its `send` (see `admits`). */
const refusals = new WeakMap<WebSocket, (data: unknown) => string | null>();

/**
 * Whether a frame whose payload is `data` may be queued on `socket` now, by the rules its `send` applies (true for
 * a socket without a guard). For writers that frame bytes themselves (ws-direct.ts): a refusal may close the socket
 * as too slow, exactly as a refused `send` does.
 */
export function admits(socket: WebSocket, data: unknown): boolean {
  const refusal = refusals.get(socket);
  return refusal === undefined || refusal(data) === null;
}
