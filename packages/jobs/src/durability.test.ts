import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/src/index.ts';
import { createJobQueue } from './index.ts';

type Payloads = { 'track.process': { trackId: string } };

describe('durability on PGlite on disk', () => {
  let dataDir = '';
  afterEach(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps a queued job across a database close and reopen, then runs it', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'veza-jobs-'));

    const first = await openDatabase({ dataDir });
    const producer = createJobQueue<Payloads>({ executor: first });
    await producer.start();
    await producer.defineQueue('track.process');
    const id = (await producer.send('track.process', { trackId: 'durable' })) ?? '';
    expect(id).not.toBe('');
    await producer.stop();
    await first.close();

    const second = await openDatabase({ dataDir });
    const consumer = createJobQueue<Payloads>({ executor: second });
    try {
      await consumer.start();
      const ran: string[] = [];
      await consumer.work('track.process', { pollingIntervalSeconds: 0.5 }, async (job) => {
        ran.push(job.data.trackId);
        return { ok: true };
      });
      await expect.poll(async () => (await consumer.getJob('track.process', id))?.state).toBe('completed');
      expect(ran).toEqual(['durable']);
    } finally {
      await consumer.stop({ graceful: false });
      await second.close();
    }
  });
});
