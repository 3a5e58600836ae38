import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './testing.ts';

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe('poolStats', () => {
  it('counts the connections in use, idle and awaited', async () => {
    db = await createTestDatabase();
    await db.executeSql('select 1');
    const stats = await db.poolStats();
    if (db.driver === 'pglite') {
      expect(stats).toEqual({ used: 0, idle: 1, waiting: 0 });
    } else {
      expect(stats.used + stats.idle).toBeGreaterThanOrEqual(1);
      expect(stats.waiting).toBe(0);
      // Five slow queries at once hold five connections while they run.
      const running = Promise.all(Array.from({ length: 5 }, () => db?.executeSql('select pg_sleep(0.3)')));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await db.poolStats()).used).toBeGreaterThanOrEqual(5);
      await running;
    }
  }, 60_000);
});
