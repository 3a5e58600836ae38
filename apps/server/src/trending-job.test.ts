// The trending recompute in the server: once at start, then on its interval; errors are logged and the schedule goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrendingScore } from '@veza/db';
import { sineWav } from '@veza/media';
import { startTrendingJob } from './trending-job.ts';
import { createTestApp, register, upload, type TestApp } from './test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const logged = () => {
  const lines: string[] = [];
  const push = (_details: object, message: string) => void lines.push(message);
  return { lines, info: push, warn: push, error: push };
};

describe('trending job', () => {
  it('recomputes at start and on its interval, ranking a reposted track', async () => {
    const ana = await register(t.app, 'trend.ana');
    const bob = await register(t.app, 'trend.bob');
    const trackId = await upload(t.app, ana, sineWav({ seconds: 1 }));
    await t.deps.db.executeSql(`update tracks set status = 'ready' where id = $1`, [trackId]);
    await t.deps.db.executeSql(`insert into reposts (user_id, track_id, caption, created_at) values ($1, $2, null, now())`, [bob.id, trackId]);
    const log = logged();
    const job = startTrendingJob(t.deps, log, { everyMs: 200 });
    try {
      await expect.poll(() => log.lines.filter((l) => l === 'trending ranks recomputed').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      const ranks = await t.deps.db.fork().find(TrendingScore, { track: trackId });
      expect(ranks.map((r) => [r.window, r.rank]).sort()).toEqual([['month', 1], ['rising', 1], ['week', 1]]);
    } finally {
      await job.stop();
    }
  });
});
