import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobQueue, JobTimeoutError } from './index.ts';
import type { JobQueue } from './types.ts';
import { jobRow, openTarget, targets, type Target } from './test/targets.ts';

type Payloads = {
  'track.process': { trackId: string };
  'flaky': { attempt: number };
  'slow': { ms: number };
};

describe.each(targets)('job queue on %s', (targetName) => {
  let target: Target;
  let queue: JobQueue<Payloads>;
  // pg-boss errors and warnings (maintenance, supervision, polling): none expected on either target.
  let problems: string[] = [];

  beforeEach(async () => {
    target = await openTarget(targetName);
    problems = [];
    const record = (message: string) => void problems.push(message);
    queue = createJobQueue<Payloads>(target.queueOptions({ logger: { warn: record, error: record } }));
    await queue.start();
  });

  afterEach(async () => {
    await queue.stop({ graceful: false });
    // Before the drop: dropping the database (WITH FORCE) can still catch a pooled socket that is
    // closing and report "terminating connection due to administrator command".
    const whileRunning = [...problems];
    await target.db.destroy();
    expect(whileRunning).toEqual([]);
  });

  it('sends, works and completes a job with typed data; a singletonKey dedupes', async () => {
    await queue.defineQueue('track.process', { policy: 'exclusive' });
    const id = await queue.send('track.process', { trackId: 't1' }, { singletonKey: 'track:t1' });
    expect(id).toEqual(expect.any(String));
    expect(await queue.send('track.process', { trackId: 't1' }, { singletonKey: 'track:t1' })).toBeNull();
    const other = await queue.send('track.process', { trackId: 't2' }, { singletonKey: 'track:t2' });
    expect(other).toEqual(expect.any(String));

    const seen: string[] = [];
    await queue.work('track.process', { pollingIntervalSeconds: 0.5 }, async (job) => {
      const trackId: string = job.data.trackId;
      seen.push(trackId);
      return { processed: trackId };
    });

    await expect.poll(async () => (await queue.getJob('track.process', id ?? ''))?.state).toBe('completed');
    await expect.poll(async () => (await queue.getJob('track.process', other ?? ''))?.state).toBe('completed');
    const job = await queue.getJob('track.process', id ?? '');
    expect(job).toMatchObject({ data: { trackId: 't1' }, retryCount: 0, output: { processed: 't1' } });
    expect(job?.completedOn).toBeInstanceOf(Date);
    expect(seen.sort()).toEqual(['t1', 't2']);
    // Once the first job has finished, the same key may be enqueued again (a re-upload).
    expect(await queue.send('track.process', { trackId: 't1' }, { singletonKey: 'track:t1' })).toEqual(expect.any(String));
  });

  it('retries a failing handler with backoff until it succeeds', async () => {
    await queue.defineQueue('flaky', { retryLimit: 3, retryDelaySeconds: 1, retryBackoff: true });
    const id = (await queue.send('flaky', { attempt: 0 })) ?? '';
    const attempts: { retryCount: number; at: number }[] = [];
    await queue.work('flaky', { pollingIntervalSeconds: 0.5 }, async (job) => {
      attempts.push({ retryCount: job.retryCount, at: Date.now() });
      if (attempts.length <= 2) throw new Error(`attempt ${attempts.length} failed`);
      return { attempts: attempts.length };
    });

    // Between attempts the job waits in 'retry' with the error kept.
    await expect.poll(async () => (await queue.getJob('flaky', id))?.state).toBe('retry');
    expect((await queue.getJob('flaky', id))?.output).toMatchObject({ message: 'attempt 1 failed' });
    await expect.poll(async () => (await queue.getJob('flaky', id))?.state, { timeout: 20_000 }).toBe('completed');

    const job = await queue.getJob('flaky', id);
    expect(job).toMatchObject({ retryCount: 2, output: { attempts: 3 } });
    expect(attempts.map((a) => a.retryCount)).toEqual([0, 1, 2]);
    const [first, second, third] = attempts.map((a) => a.at);
    // Backoff: the second wait is the longer one (retryDelay × 2^n with jitter, at least 1 s base).
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(400);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('aborts a handler past expireInSeconds, retries it, then fails it keeping the error', async () => {
    await queue.defineQueue('slow', { retryLimit: 1, expireInSeconds: 1 });
    const id = (await queue.send('slow', { ms: 60_000 })) ?? '';
    const reasons: unknown[] = [];
    await queue.work('slow', { pollingIntervalSeconds: 0.5 }, (job) =>
      new Promise((_resolve, reject) => {
        // Stands for an ffmpeg child that the signal kills.
        job.signal.addEventListener('abort', () => {
          reasons.push(job.signal.reason);
          reject(job.signal.reason as Error);
        });
      }),
    );

    await expect.poll(async () => (await queue.getJob('slow', id))?.state, { timeout: 20_000 }).toBe('failed');
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toBeInstanceOf(JobTimeoutError);
    const job = await queue.getJob('slow', id);
    expect(job?.retryCount).toBe(1);
    // Whoever notices first: the worker's timer ("exceeded its 1s time limit") or, when the
    // supervisor's pass lands first, pg-boss's "job timed out".
    expect(String(job?.output?.message)).toMatch(/exceeded (its )?1s|job timed out/);
  });

  it('fails a job whose handler throws, keeping the message', async () => {
    await queue.defineQueue('flaky', { retryLimit: 0 });
    const id = (await queue.send('flaky', { attempt: 0 })) ?? '';
    await queue.work('flaky', { pollingIntervalSeconds: 0.5 }, () => Promise.reject(new Error('boom')));
    await expect.poll(async () => (await queue.getJob('flaky', id))?.state).toBe('failed');
    expect((await queue.getJob('flaky', id))?.output).toMatchObject({ message: 'boom' });
  });

  it('stop({ graceful: true }) waits for the running handler', async () => {
    await queue.defineQueue('slow', { expireInSeconds: 30 });
    const id = (await queue.send('slow', { ms: 1500 })) ?? '';
    let started = false;
    await queue.work('slow', { pollingIntervalSeconds: 0.5 }, async (job) => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, job.data.ms));
      return { slept: job.data.ms };
    });
    await expect.poll(() => started).toBe(true);
    await queue.stop({ graceful: true, timeoutMs: 10_000 });
    expect(await jobRow(target.db, id)).toMatchObject({ state: 'completed', output: { slept: 1500 } });
  });
});
