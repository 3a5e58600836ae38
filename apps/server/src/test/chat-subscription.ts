// A `chat.onRoom` subscription through the tRPC WebSocket client (the way the web app subscribes and resumes), over its
// own socket, recording what arrives: for the server's delivery and back-pressure tests.
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import type { AppRouter } from '@veza/api';
import WebSocket from 'ws';

export interface ReceivedRoomEvent {
  id: string;
  type: string;
  seq: number;
  body: string;
}

/**
 * Resolves once the subscription has started; each event is pushed into `into` as a ReceivedRoomEvent (a caller that
 * reads only ids and seqs may pass a narrower array); `errors` collects what ends it. Reconnects are left to the caller.
 */
export async function roomSubscription(
  url: string,
  headers: Record<string, string>,
  input: { roomId: string; lastEventId?: string },
  into: Pick<ReceivedRoomEvent, 'id' | 'seq'>[],
) {
  class HeaderedWebSocket extends WebSocket {
    constructor(u: string | URL, protocols?: string | string[]) {
      super(u, protocols, { headers });
    }
  }
  const client = createWSClient({ url, WebSocket: HeaderedWebSocket as unknown as typeof globalThis.WebSocket, retryDelayMs: () => 60_000 });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client })] });
  const errors: unknown[] = [];
  await new Promise<void>((resolve, reject) => {
    trpc.chat.onRoom.subscribe(input, {
      onStarted: () => resolve(),
      onData: (e) => {
        // Message events only: the delivery tests count messages (typing, reactions… are live-only).
        if (!('message' in e.data)) return;
        const event: ReceivedRoomEvent = { id: e.id, type: e.data.type, seq: e.data.message.seq, body: e.data.message.body };
        into.push(event);
      },
      onError: (error) => {
        errors.push(error);
        reject(error);
      },
    });
  });
  return { errors, close: () => client.close() };
}
