// Several servers starting at once on one PostgreSQL database (a rolling deploy): exactly one applies the
// migrations, the others wait for it and find nothing pending.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './orm.ts';

const baseUrl = process.env.DATABASE_URL;

describe.skipIf(!baseUrl)('concurrent migrations (PostgreSQL; PGlite has one process)', () => {
  it('applies each migration once when three instances migrate at the same time', async () => {
    const admin = new URL(baseUrl!);
    admin.pathname = '/postgres';
    const adminDb = await openDatabase({ url: admin.toString() });
    const name = `veza_test_${randomBytes(6).toString('hex')}`;
    await adminDb.executeSql(`create database "${name}"`);
    const url = new URL(baseUrl!);
    url.pathname = `/${name}`;
    const instances = await Promise.all([1, 2, 3].map(() => openDatabase({ url: url.toString() })));
    try {
      const applied = await Promise.all(instances.map((db) => db.migrate()));
      const total = (await instances[0]!.pendingMigrations()).length;
      expect(total).toBe(0);
      const counts = applied.map((names) => names.length).sort((a, b) => a - b);
      expect(counts[0]).toBe(0);
      expect(counts[1]).toBe(0);
      expect(counts[2]).toBeGreaterThan(0);
      const { rows } = await instances[0]!.executeSql('select count(*)::int as n, count(distinct name)::int as d from mikro_orm_migrations');
      expect(rows[0]).toEqual({ n: counts[2], d: counts[2] });
    } finally {
      await Promise.all(instances.map((db) => db.close()));
      await adminDb.executeSql(`drop database if exists "${name}" with (force)`);
      await adminDb.close();
    }
  });
});
