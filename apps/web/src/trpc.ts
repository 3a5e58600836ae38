import { createWSClient, httpBatchLink, httpLink, splitLink, wsLink, type TRPCLink } from '@trpc/client';
import { createTRPCReact } from '@trpc/react-query';
import { observable } from '@trpc/server/observable';
import type { AppRouter } from '@veza/api';
import { createAuthFetch } from './lib/auth-fetch.ts';
import { configureRefresh, onSessionRefreshed } from './lib/session-refresh.ts';
import { trustSessionFlag } from './lib/session-hint.ts';

/** React hooks for the API. `@veza/api` is imported for its types only: no server code reaches the bundle. */
export const trpc = createTRPCReact<AppRouter>();

export interface TrpcClientOptions {
  /**
   * 'live' talks to the server: HTTP batching plus a WebSocket for subscriptions.
   * 'mock' is for MSW (dev:mock, Storybook, tests): msw-trpc understands neither batches nor WebSockets,
   * so every call is a plain HTTP request and subscriptions stay idle.
   */
  mode: 'live' | 'mock';
  /** '/trpc' in the browser; absolute in Node tests. */
  baseUrl?: string;
}

const wsUrl = (baseUrl: string) => {
  const url = new URL(baseUrl, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
};

/** A link that never answers: subscriptions in mock mode simply stay idle. */
const idleLink: TRPCLink<AppRouter> = () => () => observable(() => () => undefined);

export function createTrpcClient({ mode, baseUrl = '/trpc' }: TrpcClientOptions) {
  configureRefresh(baseUrl);
  const fetch = createAuthFetch(baseUrl);

  if (mode === 'mock') {
    return trpc.createClient({
      links: [splitLink({ condition: (op) => op.type === 'subscription', true: idleLink, false: httpLink({ url: baseUrl, fetch }) })],
    });
  }

  // The real server sets the session flag cookie: a page load without it is signed out, no auth.me needed.
  trustSessionFlag(true);
  const wsClient = createWSClient({
    url: () => wsUrl(baseUrl),
    // Open the socket only while a subscription needs it, and close it a little after the last one ends.
    lazy: { enabled: true, closeMs: 15_000 },
    retryDelayMs: (attempt) => Math.min(500 * 2 ** attempt, 30_000),
    keepAlive: { enabled: true, intervalMs: 25_000, pongTimeoutMs: 5_000 },
  });
  // The WebSocket authenticates with the cookies of its handshake. After a refresh, drop the socket:
  // wsLink reconnects and re-sends the live subscriptions with their lastEventId, so nothing is missed.
  onSessionRefreshed(() => wsClient.connection?.ws.close());

  return trpc.createClient({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        // The server accepts at most 20 calls per batch (apps/server MAX_BATCH_SIZE).
        false: httpBatchLink({ url: baseUrl, fetch, maxURLLength: 4000, maxItems: 20 }),
      }),
    ],
  });
}

export type TrpcClient = ReturnType<typeof createTrpcClient>;
