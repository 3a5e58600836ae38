// Test databases: PGlite in memory, or a fresh, empty PostgreSQL database per call when
// DATABASE_URL is set (the suite then runs the same migrations from nothing). Test-only.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM as PostgresORM } from '@mikro-orm/postgresql';
import { MIGRATIONS_DIR, openDatabase, type Database } from './orm.ts';
import { entities } from './entities/index.ts';
import { PGLITE_SETTINGS } from './pglite.ts';

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

/** Where migrated PGlite clusters are kept between test processes, one file per migration set. */
const TEMPLATE_DIR = join(tmpdir(), 'veza-test-pglite');

/** Names what a migrated cluster depends on: every migration's name and text, PGlite's build and settings. */
async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(import.meta.resolve('@electric-sql/pglite'));
  hash.update(JSON.stringify(PGLITE_SETTINGS));
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
  for (const file of files) hash.update(file).update(await readFile(join(MIGRATIONS_DIR, file)));
  return hash.digest('hex').slice(0, 20);
}

let template: Promise<Blob> | undefined;

/**
 * A PGlite cluster with every migration applied, as the tarball PGlite loads (`loadDataDir`). Creating a cluster
 * (initdb) and migrating it takes seconds, and each test file needs its own: the first test process to need it builds
 * it and leaves it in the temp directory (written aside, then renamed: parallel processes never read half a file), and
 * every later database starts from it in about a second. Test databases still run `migrate()`, which finds nothing
 * pending unless the template is stale.
 */
function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = join(TEMPLATE_DIR, `${await templateKey()}.tar`);
    const saved = await readFile(file).catch(() => null);
    if (saved) return new Blob([saved]);
    const db = await openDatabase({ dataDir: 'memory://' });
    try {
      await db.migrate();
      const native = (await db.fork().getConnection().getNativeClient()) as { dumpDataDir(compression: 'none'): Promise<Blob> };
      const dump = await native.dumpDataDir('none');
      await mkdir(TEMPLATE_DIR, { recursive: true });
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
      await rename(partial, file);
      return dump;
    } finally {
      await db.close();
    }
  })();
  return template;
}

/** `postgresUrl` defaults to DATABASE_URL; pass null to force PGlite. */
export async function createTestDatabase(postgresUrl: string | null | undefined = process.env.DATABASE_URL): Promise<TestDatabase> {
  if (!postgresUrl) {
    const db = await openDatabase({ dataDir: 'memory://', loadDataDir: await migratedTemplate() });
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
