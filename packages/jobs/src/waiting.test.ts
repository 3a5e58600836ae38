import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobQueue } from './index.ts';
import type { JobQueue } from './types.ts';
import { openTarget, targets, type Target } from './test/targets.ts';

type Payloads = { 'track.process': { trackId: string }; other: { n: number } };

describe.each(targets)('waiting jobs on %s', (targetName) => {
  let target: Target;
  let queue: JobQueue<Payloads>;

  beforeEach(async () => {
    target = await openTarget(targetName);
    queue = createJobQueue<Payloads>(target.queueOptions({}));
    await queue.start();
    await queue.defineQueue('track.process');
    await queue.defineQueue('other');
  });

  afterEach(async () => {
    await queue.stop({ graceful: false });
    await target.db.destroy();
  });

  it('counts jobs ready to run per queue and the age of the oldest; deferred and finished jobs are not waiting', async () => {
    expect(await queue.waiting('track.process')).toEqual({ count: 0, oldestAgeSeconds: 0 });
    await queue.send('track.process', { trackId: 'a' });
    await queue.send('track.process', { trackId: 'b' });
    await queue.send('track.process', { trackId: 'later' }, { startAfterSeconds: 3600 });
    await queue.send('other', { n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));

    const waiting = await queue.waiting('track.process');
    expect(waiting.count).toBe(2);
    expect(waiting.oldestAgeSeconds).toBeGreaterThan(0);
    expect(waiting.oldestAgeSeconds).toBeLessThan(60);
    expect((await queue.waiting('other')).count).toBe(1);

    await queue.work('other', { pollingIntervalSeconds: 0.5 }, async () => undefined);
    await expect.poll(async () => (await queue.waiting('other')).count).toBe(0);
  });
});
