// What observing every request costs: node:http answering 2 KB of JSON, bare vs through observeRequests (request id,
// x-request-id header, veza_http_* counter and histogram with a bounded route label). Tracing is off, as by default.
// Run: node tooling/bench/observability.mjs [runs=3] [seconds=5]
// Each server on CPU 0 in turn (bare, observed, bare, …), wrk on CPU 1, 50 connections, median of `runs`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWrk, load, median, ROOT, row, stop, waitUp } from './lib.mjs';

const RUNS = Number(process.argv[2] ?? 3);
const SECONDS = Number(process.argv[3] ?? 5);
const PORT = 4398;
ensureWrk();

/** CPU seconds (user + system) the process has used: robust to a shared machine, unlike throughput alone. */
const cpuSeconds = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const results = { bare: [], observed: [] };
const cpuPerRequest = { bare: [], observed: [] };
for (let run = 0; run < RUNS; run++) {
  for (const mode of ['bare', 'observed']) {
    const child = spawn('taskset', ['-c', '0', process.execPath, join(ROOT, 'tooling/bench/observability-server.mjs'), mode, String(PORT)], { stdio: 'inherit' });
    try {
      await waitUp(`http://127.0.0.1:${PORT}/api/things`, child);
      load(`http://127.0.0.1:${PORT}/api/things`, { seconds: 1, pid: child.pid }); // warm-up
      const before = cpuSeconds(child.pid);
      const result = load(`http://127.0.0.1:${PORT}/api/things`, { seconds: SECONDS, pid: child.pid });
      results[mode].push(result);
      cpuPerRequest[mode].push(((cpuSeconds(child.pid) - before) / (result.rps * SECONDS)) * 1e6);
    } finally {
      await stop(child);
    }
  }
}
const ratio = median(results.observed.map((r) => r.rps)) / median(results.bare.map((r) => r.rps));
console.log('| server | throughput | latency | RSS |\n|---|---|---|---|');
console.log(row('bare node:http, 2 KB JSON', results.bare));
console.log(row('same, through observeRequests + metrics', results.observed));
const [cpuBare, cpuObserved] = [median(cpuPerRequest.bare), median(cpuPerRequest.observed)];
console.log(`\nthroughput observed / bare: ${ratio.toFixed(2)}×`);
console.log(`server CPU per request: bare ${cpuBare.toFixed(1)} µs, observed ${cpuObserved.toFixed(1)} µs (+${(cpuObserved - cpuBare).toFixed(1)} µs, ${(cpuObserved / cpuBare).toFixed(2)}×)`);
