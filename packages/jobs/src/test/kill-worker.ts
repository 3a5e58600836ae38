// Child process for the "worker killed mid-job" test: works one queue on PostgreSQL, announces the
// job it picked up on stdout, then hangs until the parent SIGKILLs it.
import { createJobQueue } from '../queue.ts';

const [connectionString] = process.argv.slice(2);
if (!connectionString) throw new Error('usage: kill-worker.ts <connectionString>');

const queue = createJobQueue<{ 'track.process': { trackId: string } }>({ connectionString, maxConnections: 2 });
await queue.start();
await queue.work('track.process', { pollingIntervalSeconds: 0.5 }, async (job) => {
  process.stdout.write(`started ${job.id} ${job.retryCount}\n`);
  await new Promise(() => undefined);
});
process.stdout.write('ready\n');
