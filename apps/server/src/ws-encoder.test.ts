// The WebSocket frame encoder: a frame carrying a shared room event is the same text JSON.stringify gives, made from
// the event's JSON serialised once; every other frame is plain JSON.stringify.
import { share, sharedJson } from '@veza/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeFrame, sharedEventEncoder } from './ws-encoder.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A room event as the room's hub hands it to every subscriber (a frozen copy, shared). */
const sharedEvent = (payload: object) => share(structuredClone(payload));

const message = {
  id: '0a9f2c1e-5b5e-4a53-9a39-0d2c4b1e7f00',
  seq: 7,
  roomId: 'r',
  author: { id: 'u', username: 'ana', displayName: 'Ana "quoted" \u2028 é 🎸' },
  body: 'hello </script> "x" \\ \u0000',
  clientMessageId: 'c',
  createdAt: '2026-12-06T11:00:00.000Z',
  editedAt: null,
  deletedAt: null,
  replyTo: null,
  attachments: [],
  hidden: null,
  reactions: [{ emoji: '👍', count: 2 }],
};

describe('sharedEventEncoder', () => {
  it('encodes a tracked data frame holding a shared event exactly as JSON.stringify, serialising the event once', () => {
    const event = sharedEvent({ type: 'message.created', message });
    expect(sharedJson(event)).toBeDefined();
    const stringify = vi.spyOn(JSON, 'stringify');
    const frames = [1, 2, 'sub-3', null].map((id) => ({ id, jsonrpc: id === 1 ? ('2.0' as const) : undefined, result: { type: 'data', data: { id: 'm:7', data: event }, id: 'm:7' } }));
    const texts = Array.from({ length: 50 }, (_, i) => encodeFrame(frames[i % frames.length]));
    const eventCalls = stringify.mock.calls.filter(([value]) => value === event);
    expect(eventCalls.length).toBeLessThanOrEqual(1);
    stringify.mockRestore();
    frames.forEach((frame, i) => {
      expect(texts[i]).toBe(JSON.stringify(frame));
      // The client reads the same object as before.
      expect(JSON.parse(texts[i]!)).toEqual(JSON.parse(JSON.stringify({ ...frame, result: { ...frame.result, data: { id: 'm:7', data: { type: 'message.created', message } } } })));
    });
  });

  it('a client-chosen subscription id that looks like the placeholder does not move the event', () => {
    const event = sharedEvent({ type: 'read', roomId: 'r', userId: 'u', seq: 3 });
    const frame = { id: '\u0000shared-event:', result: { type: 'data', data: { id: 'm:3:e:1', data: event }, id: 'm:3:e:1' } };
    expect(encodeFrame(frame)).toBe(JSON.stringify(frame));
  });

  it('encodes every other frame with JSON.stringify', () => {
    const plain = [
      { id: 1, result: { type: 'started' } },
      { id: 1, result: { type: 'data', data: { id: 'm:1', data: { type: 'message.created', message } } } },
      { id: 2, result: { type: 'data', data: { items: [1, 2] } } },
      { id: null, error: { message: 'x', code: -32600 } },
      'PONG',
    ];
    for (const frame of plain) expect(sharedEventEncoder.encode(frame)).toBe(JSON.stringify(frame));
    expect(sharedEventEncoder.decode('{"id":1}')).toEqual({ id: 1 });
  });
});
