// Errors thrown inside a subscription's generator reach a real WebSocket client with their domain code
// (NOT_FOUND for a missing or private track, BAD_REQUEST for an id out of range), and the server does not log
// them as crashes.
import type { AddressInfo } from 'node:net';
import { createTRPCClient, createWSClient, TRPCClientError, wsLink } from '@trpc/client';
import type { AppRouter } from '@veza/api';
import { sineWav } from '@veza/media';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, register, trpcMutation, upload, type TestApp, type TestUser } from './test/harness.ts';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let wsUrl: string;

beforeAll(async () => {
  t = await createTestApp();
  [alice, bob] = [await register(t.app, 'alice'), await register(t.app, 'bob')];
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/trpc`;
});
afterAll(() => t.close());

function wsClient(headers: Record<string, string>) {
  class HeaderedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const client = createWSClient({ url: wsUrl, WebSocket: HeaderedWebSocket as unknown as typeof globalThis.WebSocket, retryDelayMs: () => 60_000 });
  return { trpc: createTRPCClient<AppRouter>({ links: [wsLink({ client })] }), close: () => client.close() };
}

type Outcome = { data: unknown[]; error: TRPCClientError<AppRouter> | null; completed: boolean };

/** Subscribes and waits until the subscription errors or completes (or 5 s pass). */
function settle(subscribe: (handlers: { onData: (d: unknown) => void; onError: (e: unknown) => void; onComplete: () => void }) => { unsubscribe(): void }) {
  return new Promise<Outcome>((resolve, reject) => {
    const outcome: Outcome = { data: [], error: null, completed: false };
    const timer = setTimeout(() => reject(new Error(`still open after 5 s with ${outcome.data.length} events`)), 5000);
    const sub = subscribe({
      onData: (d) => void outcome.data.push(d),
      onError: (e) => {
        clearTimeout(timer);
        outcome.error = e as TRPCClientError<AppRouter>;
        resolve(outcome);
      },
      onComplete: () => {
        clearTimeout(timer);
        outcome.completed = true;
        sub.unsubscribe();
        resolve(outcome);
      },
    });
  });
}

describe('subscription errors over WebSocket', () => {
  it('tracks.onStatus for a missing or private track ends with NOT_FOUND, and nothing is logged as a crash', async () => {
    const crashes = vi.spyOn(t.app.log, 'error');
    const privateId = await upload(t.app, alice, sineWav({ seconds: 0.3 }), 'p.wav', 'Secret');
    await trpcMutation(t.app, 'tracks.update', { id: privateId, visibility: 'private' }, alice.bearer);
    const { trpc, close } = wsClient(bob.bearer);
    try {
      for (const id of [crypto.randomUUID(), privateId]) {
        const outcome = await settle((h) => trpc.tracks.onStatus.subscribe({ id }, h));
        expect(outcome.error).toBeInstanceOf(TRPCClientError);
        expect(outcome.error?.data?.code).toBe('NOT_FOUND');
        expect(outcome.error?.message).toBe('Track not found.');
        expect(outcome.data).toEqual([]);
      }
      // The owner still gets the status of the same track.
      const own = wsClient(alice.bearer);
      try {
        const outcome = await new Promise<unknown>((resolve, reject) => {
          const sub = own.trpc.tracks.onStatus.subscribe({ id: privateId }, {
            onData: (d) => {
              sub.unsubscribe();
              resolve(d.data);
            },
            onError: reject,
          });
        });
        expect(outcome).toMatchObject({ id: privateId, status: 'queued' });
      } finally {
        own.close();
      }
      expect(crashes).not.toHaveBeenCalled();
    } finally {
      close();
      crashes.mockRestore();
    }
  });

  it('notifications.onEvent refuses a lastEventId beyond the bigint range with BAD_REQUEST', async () => {
    const crashes = vi.spyOn(t.app.log, 'error');
    const { trpc, close } = wsClient(alice.bearer);
    try {
      for (const lastEventId of ['9223372036854775808', '9999999999999999999']) {
        const outcome = await settle((h) => trpc.notifications.onEvent.subscribe({ lastEventId }, h));
        expect(outcome.error?.data?.code).toBe('BAD_REQUEST');
        expect(outcome.error?.message).toMatch(/event id is not valid/);
      }
      expect(crashes).not.toHaveBeenCalled();
    } finally {
      close();
      crashes.mockRestore();
    }
  });
});
