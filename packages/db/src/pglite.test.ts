// The embedded database on disk: created by a child process on first open, opened with Veza's memory settings,
// and durable across close and reopen.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './orm.ts';
import { PGLITE_SETTINGS } from './pglite.ts';

const root = await mkdtemp(join(tmpdir(), 'veza-pglite-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('embedded database on disk', () => {
  it('creates the cluster on first open and applies the memory settings', async () => {
    const dataDir = join(root, 'db');
    const db = await openDatabase({ dataDir });
    try {
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      for (const [name, value] of Object.entries(PGLITE_SETTINGS)) {
        const { rows } = await db.executeSql(`select current_setting($1) as value`, [name]);
        expect(rows[0]?.value).toBe(value);
      }
      await db.migrate();
      expect(await db.pendingMigrations()).toEqual([]);
      await db.executeSql('create table kept (v text)');
      await db.executeSql('insert into kept values ($1)', ['still here']);
    } finally {
      await db.close();
    }

    const reopened = await openDatabase({ dataDir });
    try {
      expect(await reopened.pendingMigrations()).toEqual([]);
      expect((await reopened.executeSql('select v from kept')).rows).toEqual([{ v: 'still here' }]);
    } finally {
      await reopened.close();
    }
  }, 120_000);
});
