// A webhook endpoint for tests: records every delivery's raw bytes, headers and arrival time, and answers with the
// scripted statuses (e.g. [500, 500] then 200), optionally checking each delivery with a provider's `parseWebhook`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PaymentEvent, RawWebhook } from '../provider.ts';

export interface ReceivedWebhook extends RawWebhook {
  receivedAt: number;
  /** What `verify` returned, or the error it threw. */
  event: PaymentEvent | null;
  error: unknown;
  answeredStatus: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Statuses for the next deliveries, in order; 200 after they run out. */
  script(statuses: number[]): void;
  /** Resolves once at least `count` deliveries arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  verify?: (raw: RawWebhook) => PaymentEvent,
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = new Uint8Array(Buffer.concat(chunks));
      const headers = { ...req.headers };
      let event: PaymentEvent | null = null;
      let error: unknown = null;
      if (verify) {
        try {
          event = verify({ body, headers });
        } catch (cause) {
          error = cause;
        }
      }
      const scripted = statuses.shift();
      const status = scripted ?? (error ? 401 : 200);
      received.push({ body, headers, receivedAt: performance.now(), event, error, answeredStatus: status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    script(next) {
      statuses = [...next];
    },
    async waitFor(count, timeoutMs = 5_000) {
      const deadline = performance.now() + timeoutMs;
      while (received.length < count) {
        if (performance.now() > deadline) {
          throw new Error(`expected ${count} webhook deliveries, got ${received.length}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return received;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
