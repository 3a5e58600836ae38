// One server of the observability benchmark: node:http answering 2 KB of JSON, bare or through the wrapper every
// Veza request goes through (request id, x-request-id, HTTP metrics with a bounded route label).
// Run by observability.mjs: node tooling/bench/observability-server.mjs <bare|observed> <port>
import { createServer } from 'node:http';
import { observeRequests } from '../../apps/server/src/observability/http.ts';
import { createServerMetrics } from '../../apps/server/src/observability/metrics.ts';

const [mode, port] = [process.argv[2], Number(process.argv[3])];
const body = JSON.stringify({ items: Array.from({ length: 40 }, (_, i) => ({ id: i, title: `Track number ${i}`, plays: i * 37 })) });
const handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};
const metrics = createServerMetrics();
const server = createServer(mode === 'observed' ? observeRequests(handler, { metrics, trustProxy: false }) : handler);
server.listen(port, '127.0.0.1');
