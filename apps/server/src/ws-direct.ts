// The WebSocket transport's direct lane (see LiveLane in @veza/api): a chat.onRoom or chat.onInbox subscription on
// this connection writes its live events to its socket itself, as they are published, instead of each event travelling
// through tRPC's per-subscription async iterator chain. The frames are the ones tRPC would send (the same tracked
// data envelope, same subscription id), so clients cannot tell the difference.
//
// The subscription's id is known only from the message that opened it. Every incoming message that opens a
// subscription to a lane path is noted, before tRPC's own listener runs, in an AsyncLocalStorage that tRPC's
// handling of that message (context, procedure, the generator's first step) inherits; the subscription claims its
// entry from there. Only openings the lane can tell apart are served (one per path and matching input in a message);
// anything else keeps tRPC's usual path.
//
// Frames are built once per event and subscription id, WebSocket header included (a server's frames are not masked:
// every socket with that id gets the same bytes), and reused by every socket with that id (most clients number their
// subscriptions alike): a delivery is a cache lookup and one write of shared bytes to the TCP socket, past `ws`'s
// per-send framing, under the socket's slow-consumer guard (ws-backpressure.ts). Sockets that negotiated an extension
// (compression) are sent to through `ws`. The frames a tick sends to one socket go out in one write (see `corked`):
// behind a pause, a backlog of events costs one system call per socket, not one per event.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LiveLane, LiveSink } from '@veza/api';
import WebSocketClass, { type RawData, type WebSocket } from 'ws';
import { admits } from './ws-backpressure.ts';
import { encodeFrame } from './ws-encoder.ts';

/** A subscription opened by an incoming message (its JSON-RPC id and call), until one claims it. */
interface Opening {
  id: string | number;
  jsonrpc: '2.0' | undefined;
  path: string;
  input: unknown;
  claimed: boolean;
}

interface Arrival {
  socket: WebSocket;
  openings: Opening[];
}

const arrival = new AsyncLocalStorage<Arrival | null>();

let claims = 0;
/** Subscriptions that took the lane since the process started (tests, diagnostics). */
export const laneClaims = () => claims;

const asText = (data: RawData): string | null => {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return null;
};

/** The subscriptions to `paths` that a message (one call or a batch) opens; none for anything else or garbage. */
export function openingsIn(data: RawData, paths: readonly string[]): Opening[] {
  const text = asText(data);
  // Cheap probes first: most messages are queries, mutations, pongs.
  if (text === null || !text.includes('"subscription"') || !paths.some((path) => text.includes(path))) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const openings: Opening[] = [];
  for (const call of Array.isArray(parsed) ? parsed : [parsed]) {
    if (typeof call !== 'object' || call === null) continue;
    const { id, jsonrpc, method, params } = call as { id?: unknown; jsonrpc?: unknown; method?: unknown; params?: { path?: unknown; input?: unknown } };
    if (method !== 'subscription' || (typeof id !== 'string' && typeof id !== 'number')) continue;
    if (jsonrpc !== undefined && jsonrpc !== '2.0') continue;
    const path = params?.path;
    if (typeof path !== 'string' || !paths.includes(path)) continue;
    openings.push({ id, jsonrpc, path, input: params?.input, claimed: false });
  }
  return openings;
}

/**
 * Notes, for each message `socket` receives, the lane subscriptions it opens, in the async context in which tRPC
 * handles it. Call it before tRPC's adapter gets the socket.
 */
export function watchOpenings(socket: WebSocket, paths: readonly string[]): void {
  socket.prependListener('message', (data: RawData) => {
    const openings = openingsIn(data, paths);
    // For the rest of this message's synchronous handling (tRPC's listener is next) and what it awaits.
    arrival.enterWith(openings.length > 0 ? { socket, openings } : null);
  });
}

/** Distinct frames kept per event (subscription ids and event ids are alike on most sockets). */
const FRAMES_KEPT_PER_EVENT = 8;

/** A frame's payload (UTF-8 JSON) and its bytes on the wire (a final text frame: header, then the payload). */
interface Frame {
  payload: Buffer;
  wire: Buffer;
}

/** A frame built for an event, with the subscription key and event id it was built for. */
interface Built {
  key: string;
  eventId: string;
  frame: Frame;
}

/** Frames already built, per event (at most FRAMES_KEPT_PER_EVENT, compared by value: no key string per delivery). */
const framesOf = new WeakMap<object, Built[]>();

const TEXT_FRAME_HEADER = { fin: true, opcode: 0x1, mask: false, readOnly: true, rsv1: false } as const;

/** `ws`'s framing (public, `WebSocket.Sender.frame`; not in @types/ws): an unmasked frame is [header, payload]. */
const Sender = (WebSocketClass as unknown as { Sender: { frame(data: Buffer, options: typeof TEXT_FRAME_HEADER): Buffer[] } }).Sender;

function frameOf(opening: Opening, key: string, eventId: string, data: object): Frame {
  let built = framesOf.get(data);
  if (!built) {
    built = [];
    framesOf.set(data, built);
  }
  for (const entry of built) if (entry.key === key && entry.eventId === eventId) return entry.frame;
  // tRPC's tracked data frame, key for key.
  const payload = Buffer.from(encodeFrame({ id: opening.id, jsonrpc: opening.jsonrpc, result: { type: 'data', data: { id: eventId, data }, id: eventId } }));
  const frame = { payload, wire: Buffer.concat(Sender.frame(payload, TEXT_FRAME_HEADER)) };
  // Kept for the sockets that will send the same frame (a room's events: the same id on most sockets); events
  // whose ids differ per subscription (the inbox's) keep only the first few.
  if (built.length < FRAMES_KEPT_PER_EVENT) built.push({ key, eventId, frame });
  return frame;
}

/** The bytes are UTF-8 JSON: sent as a text frame, as tRPC's string frames are. */
const TEXT_FRAME = { binary: false } as const;

/** The TCP socket under a `ws` WebSocket (`ws` keeps it as `_socket`; absent in tests' stand-ins). */
type Corkable = { cork(): void; uncork(): void; write(bytes: Buffer): boolean };
const tcpOf = (socket: WebSocket): Corkable | null => {
  const tcp = (socket as unknown as { _socket?: unknown })._socket;
  return typeof tcp === 'object' && tcp !== null && 'cork' in tcp && 'uncork' in tcp && 'write' in tcp ? (tcp as Corkable) : null;
};

/**
 * Sockets written to by the lane during the current tick, corked: whatever else reaches them before the tick ends
 * (the next events of a burst: a bus read carrying several messages, a backlog after a pause) joins the same write,
 * one system call per socket for the whole burst instead of one per frame. Uncorked together once the tick's
 * synchronous work is done.
 */
let corked: Corkable[] = [];
/** Counts ticks in which the lane corked sockets (a sink remembers the tick it corked its socket in). */
let tick = 0;

function uncorkAll() {
  const sockets = corked;
  corked = [];
  tick++;
  for (const tcp of sockets) tcp.uncork();
}

function sinkFor(socket: WebSocket, opening: Opening): LiveSink {
  const key = `${typeof opening.id}:${opening.id}:${opening.jsonrpc ?? ''}`;
  // The frame's bytes are written as they are only where `ws` would write them unchanged: no extension (no
  // compression) negotiated (fixed by the handshake, before the socket is handed over). With nothing but whole frames
  // written synchronously, `ws`'s own frames (tRPC's, pings, the close frame) never land inside one of these.
  const tcp = socket.extensions === '' ? tcpOf(socket) : null;
  let corkedIn = -1;
  return {
    send(eventId, data) {
      // A closing socket's subscriptions are ending: nothing more to send.
      if (socket.readyState !== socket.OPEN) return;
      const frame = frameOf(opening, key, eventId, data);
      if (!tcp) {
        socket.send(frame.payload, TEXT_FRAME);
        return;
      }
      if (!admits(socket, frame.payload)) return;
      if (corkedIn !== tick) {
        if (corked.length === 0) process.nextTick(uncorkAll);
        corkedIn = tick;
        tcp.cork();
        corked.push(tcp);
      }
      tcp.write(frame.wire);
    },
  };
}

/** The lane of `socket` (its tRPC context's `liveLane`). */
export function laneFor(socket: WebSocket): LiveLane {
  return {
    claim(path, matches) {
      const current = arrival.getStore();
      if (!current || current.socket !== socket) return null;
      const candidates = current.openings.filter((opening) => !opening.claimed && opening.path === path && matches(opening.input));
      if (candidates.length !== 1) return null;
      const opening = candidates[0] as Opening;
      opening.claimed = true;
      claims++;
      return sinkFor(socket, opening);
    },
  };
}
