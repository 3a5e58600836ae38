// A streamed tRPC answer (an SSE subscription over HTTP, on trpc-http.ts's fast path) pauses for back-pressure many
// times: each pause must leave no listener behind on the response. One `close` listener per pause once piled up
// (Node's MaxListenersExceededWarning after ten).
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, register, trpcMutation, type TestApp, type TestUser } from './test/harness.ts';

const MESSAGES = 600;

let t: TestApp;
let ana: TestUser;
let base: string;
let roomId: string;

beforeAll(async () => {
  t = await createTestApp();
  ana = await register(t.app, 'stream.ana');
  roomId = (await trpcMutation<{ id: string }>(t.app, 'chat.rooms.create', { name: 'Long history', visibility: 'public' }, ana.bearer)).id;
  // Straight into the database (2.4 MB of history): sending them would take minutes under the send budget.
  const connection = t.deps.db.fork().getConnection();
  await connection.execute(
    `insert into messages (room_id, seq, author_id, client_message_id, body, created_at)
     select ?, g, ?, 'bulk-' || g, repeat('x', 4000), now() from generate_series(1, ?) g`,
    [roomId, ana.id, MESSAGES],
  );
  await connection.execute('update rooms set last_seq = ? where id = ?', [MESSAGES, roomId]);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

describe('a streamed tRPC answer under back-pressure', () => {
  it('pauses and resumes many times without piling listeners on the response', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => {
      if (warning.name === 'MaxListenersExceededWarning') warnings.push(warning.message);
    };
    let drains = 0;
    let peakClose = 0;
    const watch = (req: IncomingMessage, res: ServerResponse) => {
      if (!req.url?.startsWith('/trpc/chat.onRoom')) return;
      res.setMaxListeners(5);
      res.on('drain', () => {
        drains++;
        peakClose = Math.max(peakClose, res.listenerCount('close'));
      });
    };
    process.on('warning', onWarning);
    t.app.server.prependListener('request', watch);
    try {
      const input = encodeURIComponent(JSON.stringify({ roomId, lastEventId: 'm:0' }));
      const seqs = await new Promise<number[]>((resolve, reject) => {
        const req = request(`${base}/trpc/chat.onRoom?input=${input}`, { headers: { ...ana.bearer, accept: 'text/event-stream' } }, (res) => {
          if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
          let text = '';
          const seen: number[] = [];
          // A slow reader: takes a little, then stops for a while, so the server's writes keep filling the socket.
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            for (const match of text.matchAll(/"seq":(\d+)/g)) seen.push(Number(match[1]));
            text = text.slice(text.lastIndexOf('\n') + 1);
            res.pause();
            setTimeout(() => res.resume(), 2);
            if (seen.length >= MESSAGES) {
              req.destroy();
              resolve(seen);
            }
          });
          res.on('error', () => undefined);
        });
        // Destroying it once everything arrived errors it: too late to matter then.
        req.on('error', reject);
        req.end();
      });
      expect(seqs.slice(0, 3)).toEqual([1, 2, 3]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The back-pressure path was taken, again and again…
      expect(drains).toBeGreaterThanOrEqual(10);
      // …and each pause cleaned up after itself.
      expect(peakClose).toBeLessThanOrEqual(3);
      expect(warnings).toEqual([]);
    } finally {
      t.app.server.off('request', watch);
      process.off('warning', onWarning);
    }
  });
});
