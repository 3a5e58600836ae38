// Test databases: PGlite in memory, or a fresh, empty PostgreSQL database per call when
// DATABASE_URL is set (the suite then runs the same migrations from nothing). Test-only.
import { randomBytes } from 'node:crypto';
import { MikroORM as PostgresORM } from '@mikro-orm/postgresql';
import { openDatabase, type Database } from './orm.ts';
import { entities } from './entities/index.ts';

export interface TestDatabase extends Database {
  /** Closes the connection and drops the PostgreSQL database, if one was created. */
  destroy(): Promise<void>;
  /** The PostgreSQL database's connection string (for processes started by a test); undefined on PGlite. */
  url?: string | undefined;
}

async function adminExecute(baseUrl: string, sql: string) {
  const url = new URL(baseUrl);
  url.pathname = '/postgres';
  const orm = await PostgresORM.init({ entities, clientUrl: url.toString(), ensureDatabase: false, debug: false });
  try {
    await orm.em.getConnection().execute(sql);
  } finally {
    await orm.close(true);
  }
}

/** `postgresUrl` defaults to DATABASE_URL; pass null to force PGlite. */
export async function createTestDatabase(postgresUrl: string | null | undefined = process.env.DATABASE_URL): Promise<TestDatabase> {
  if (!postgresUrl) {
    const db = await openDatabase({ dataDir: 'memory://' });
    await db.migrate();
    return { ...db, destroy: () => db.close() };
  }
  const name = `veza_test_${randomBytes(6).toString('hex')}`;
  await adminExecute(postgresUrl, `create database "${name}"`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  await db.migrate();
  return {
    ...db,
    url: url.toString(),
    async destroy() {
      await db.close();
      await adminExecute(postgresUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}
