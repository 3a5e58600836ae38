import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobQueue } from './index.ts';
import type { JobQueue } from './types.ts';
import { openTarget, postgresUrl, type Target } from './test/targets.ts';

type Payloads = { 'track.process': { trackId: string } };

// Several processes sharing one queue need a server: a PGlite data dir belongs to one process.
describe.skipIf(!postgresUrl)('several workers on PostgreSQL (only when DATABASE_URL is set)', () => {
  let target: Target;
  const queues: JobQueue<Payloads>[] = [];

  const newQueue = async () => {
    const queue = createJobQueue<Payloads>(target.queueOptions());
    queues.push(queue);
    await queue.start();
    return queue;
  };

  const completions = async () =>
    (await target.db.executeSql('select job_id as "jobId", worker from job_completion order by job_id')).rows as {
      jobId: string;
      worker: string;
    }[];

  beforeEach(async () => {
    target = await openTarget('postgresql');
    await target.db.executeSql('create table job_completion (job_id text not null, worker text not null)');
  });

  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.stop({ graceful: false })));
    await target.db.destroy();
  });

  it('two queue instances share the jobs: each of N jobs runs exactly once', async () => {
    const [a, b] = [await newQueue(), await newQueue()];
    await a.defineQueue('track.process');
    const ids = new Set<string>();
    for (let i = 0; i < 30; i++) ids.add((await a.send('track.process', { trackId: `t${i}` })) ?? '');
    for (const [worker, queue] of [['a', a], ['b', b]] as const) {
      await queue.work('track.process', { concurrency: 2, pollingIntervalSeconds: 0.5 }, async (job) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await target.db.executeSql('insert into job_completion (job_id, worker) values ($1, $2)', [job.id, worker]);
      });
    }
    await expect.poll(async () => (await completions()).length, { timeout: 30_000 }).toBe(30);
    const rows = await completions();
    expect(new Set(rows.map((r) => r.jobId))).toEqual(ids);
  });

  it('a worker process SIGKILLed mid-job: the job expires, another worker retries it, it completes once', async () => {
    const queue = await newQueue();
    await queue.defineQueue('track.process', { expireInSeconds: 2, retryLimit: 2 });
    const id = (await queue.send('track.process', { trackId: 'orphan' })) ?? '';

    const script = fileURLToPath(new URL('./test/kill-worker.ts', import.meta.url));
    const child = spawn(process.execPath, [script, target.connectionString ?? ''], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = once(child, 'exit');
    try {
      for await (const line of createInterface({ input: child.stdout })) {
        if (line.startsWith(`started ${id}`)) break;
      }
      expect((await queue.getJob('track.process', id))?.state).toBe('active');
    } finally {
      child.kill('SIGKILL');
      await exited;
    }

    // Nobody holds it any more: the supervisor fails it into retry once expireInSeconds has passed.
    await expect.poll(async () => (await queue.getJob('track.process', id))?.state, { timeout: 20_000 }).toBe('retry');
    expect((await queue.getJob('track.process', id))?.output).toMatchObject({ message: 'job timed out' });

    await queue.work('track.process', { pollingIntervalSeconds: 0.5 }, async (job) => {
      await target.db.executeSql('insert into job_completion (job_id, worker) values ($1, $2)', [job.id, 'parent']);
      return { retryCount: job.retryCount };
    });
    await expect.poll(async () => (await queue.getJob('track.process', id))?.state, { timeout: 30_000 }).toBe('completed');
    expect(await completions()).toEqual([{ jobId: id, worker: 'parent' }]);
    expect((await queue.getJob('track.process', id))?.retryCount).toBe(1);
  });
});
