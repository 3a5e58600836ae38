// The tRPC WebSocket adapter's frame encoder. tRPC serialises every frame for every socket: a room event followed by
// 1,000 sockets was turned into JSON 1,000 times. Events shared by every subscriber (chat room events, see
// packages/api/src/chat/room-hub.ts) carry their JSON text, made once; a frame holding one is the small envelope
// (subscription id, event id) serialised with a placeholder, the placeholder then replaced by that text. The bytes
// are exactly those JSON.stringify would give; any other frame is JSON.stringify'd as before.
import { randomUUID } from 'node:crypto';
import { sharedJson } from '@veza/api';
import { jsonEncoder, type Encoder } from '@trpc/server/adapters/ws';

/** Stands for the event while the envelope is serialised: unguessable, so no client-chosen value can contain it. */
const PLACEHOLDER = `\u0000shared-event:${randomUUID()}`;
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);

interface DataFrame {
  result: { type: 'data'; data: { id: string; data: unknown } | unknown };
}

/** The shared event a subscription data frame carries (a `tracked()` one: `result.data` is `{ id, data }`), if any. */
function sharedEventOf(frame: unknown): { text: string; envelope: object } | null {
  if (typeof frame !== 'object' || frame === null || !('result' in frame)) return null;
  const { result } = frame as DataFrame;
  if (typeof result !== 'object' || result === null || result.type !== 'data') return null;
  const tracked = result.data;
  if (typeof tracked !== 'object' || tracked === null || !('data' in tracked)) return null;
  const text = sharedJson(tracked.data);
  if (text === undefined) return null;
  return { text, envelope: { ...frame, result: { ...result, data: { ...tracked, data: PLACEHOLDER } } } };
}

export function encodeFrame(frame: unknown): string {
  const shared = sharedEventOf(frame);
  if (!shared) return JSON.stringify(frame);
  const envelope = JSON.stringify(shared.envelope);
  const at = envelope.indexOf(PLACEHOLDER_JSON);
  return envelope.slice(0, at) + shared.text + envelope.slice(at + PLACEHOLDER_JSON.length);
}

/** JSON frames; room events shared by many sockets are serialised once (see above). */
export const sharedEventEncoder: Encoder = {
  encode: encodeFrame,
  decode: jsonEncoder.decode,
};
