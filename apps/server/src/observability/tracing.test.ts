import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sineWav } from '@veza/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcessingWorker } from '../processing.ts';
import { multipart } from '../test/harness.ts';
import { startObservedApp, type ObservedApp } from './testing.ts';
import { startTracing, type Tracing } from './tracing.ts';

interface ReceivedSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
  service: string;
}

/** A minimal OTLP/HTTP (JSON) receiver on 127.0.0.1, as a collector would run. */
function otlpReceiver(): Promise<{ server: Server; url: string; spans: ReceivedSpan[]; paths: string[] }> {
  const spans: ReceivedSpan[] = [];
  const paths: string[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    paths.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
    const payload = JSON.parse(body) as {
      resourceSpans: { resource: { attributes: ReceivedSpan['attributes'] }; scopeSpans: { spans: Omit<ReceivedSpan, 'service'>[] }[] }[];
    };
    for (const rs of payload.resourceSpans) {
      const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
      for (const ss of rs.scopeSpans) for (const span of ss.spans) spans.push({ ...span, service });
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, paths })),
  );
}

const attr = (span: ReceivedSpan | undefined, key: string) => {
  const value = span?.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue !== undefined ? Number(value.intValue) : undefined);
};

let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
let tracing: Tracing;
let t: ObservedApp;
beforeAll(async () => {
  receiver = await otlpReceiver();
  tracing = await startTracing({ endpoint: receiver.url, serviceName: 'veza-test', batchDelayMs: 100 });
  t = await startObservedApp({}, { queue: true, tracing });
});
afterAll(async () => {
  await t.close();
  await tracing.shutdown();
  await new Promise((resolve) => receiver.server.close(resolve));
});

describe('tracing (OTLP/HTTP)', () => {
  it('sends an HTTP server span > tRPC procedure span > query spans, and a job span continuing the trace that queued it', async () => {
    const signup = await fetch(`${t.origin}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.com', username: 'ada', password: 'correct horse battery staple' }),
    });
    expect(signup.status).toBe(200);
    const requestId = signup.headers.get('x-request-id');
    const { result } = (await signup.json()) as { result: { data: { accessToken: string } } };
    expect((await fetch(`${t.origin}/trpc/auth.me`)).status).toBe(401);

    const body = multipart([{ name: 'file', filename: 'tone.wav', content: sineWav({ seconds: 0.5 }), type: 'audio/wav' }]);
    const upload = await fetch(`${t.origin}/api/tracks`, {
      method: 'POST',
      headers: { ...body.headers, authorization: `Bearer ${result.data.accessToken}` },
      body: new Uint8Array(body.payload),
    });
    expect(upload.status).toBe(201);
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    if (!t.queue) throw new Error('the queue is on in this file');
    await startProcessingWorker(t.queue, t.deps, t.config, log, { tracing });

    const find = (name: string) => receiver.spans.find((s) => s.name === name);
    await expect.poll(() => find('job track.process'), { timeout: 30_000 }).toBeDefined();
    expect(receiver.paths[0]).toMatch(/^POST \/v1\/traces application\/json/);

    const http = receiver.spans.find((s) => s.name === 'POST /trpc' && attr(s, 'veza.request_id') === requestId);
    const procedure = find('trpc auth.register');
    expect(http).toMatchObject({ kind: 2, service: 'veza-test' });
    expect(attr(http, 'http.response.status_code')).toBe(200);
    expect(procedure?.traceId).toBe(http?.traceId);
    expect(procedure?.parentSpanId).toBe(http?.spanId);
    expect(attr(procedure, 'rpc.method')).toBe('auth.register');
    expect(attr(find('trpc auth.me'), 'trpc.code')).toBe('UNAUTHORIZED');

    // The procedure's queries, inside its span.
    const queries = receiver.spans.filter((s) => s.name.startsWith('db ') && s.parentSpanId === procedure?.spanId);
    expect(queries.map((q) => q.name)).toContain('db insert users');
    expect(queries.every((q) => q.kind === 3 && q.traceId === http?.traceId)).toBe(true);

    const uploadSpan = receiver.spans.find((s) => s.name === 'POST /api/tracks');
    const job = find('job track.process');
    expect(job?.traceId).toBe(uploadSpan?.traceId);
    expect(job?.parentSpanId).toBe(uploadSpan?.spanId);
  });
});
