// Test databases: PGlite in memory, or a fresh PostgreSQL database per call when DATABASE_URL is set. Both start
// from a migrated template made once per migration set (see migratedTemplate and postgresTemplate). Test-only.
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

async function adminExecute(baseUrl: string, sql: string, params: unknown[] = []): Promise<unknown[]> {
  const url = new URL(baseUrl);
  url.pathname = '/postgres';
  const orm = await PostgresORM.init({ entities, clientUrl: url.toString(), ensureDatabase: false, debug: false });
  try {
    const rows: unknown = await orm.em.getConnection().execute(sql, params);
    return Array.isArray(rows) ? rows : [];
  } finally {
    await orm.close(true);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const postgresTemplates = new Map<string, Promise<string>>();

/**
 * The name of a database on the server of `postgresUrl` with every migration applied, made once per migration set
 * (the PGlite template's key) and kept: test databases are copied from it (`create database … template …`) instead of
 * migrated one by one. It is built under a name of its own and renamed when complete, so a half-built one is never
 * copied; when two processes build it at once, the second rename fails and that copy is dropped.
 */
function postgresTemplate(postgresUrl: string): Promise<string> {
  let template = postgresTemplates.get(postgresUrl);
  if (!template) {
    template = (async () => {
      const name = `veza_test_template_${await templateKey()}`;
      if ((await adminExecute(postgresUrl, 'select 1 from pg_database where datname = ?', [name])).length > 0) return name;
      const building = `veza_test_building_${randomBytes(6).toString('hex')}`;
      await adminExecute(postgresUrl, `create database "${building}"`);
      try {
        const url = new URL(postgresUrl);
        url.pathname = `/${building}`;
        const db = await openDatabase({ url: url.toString() });
        try {
          await db.migrate();
        } finally {
          await db.close();
        }
        await adminExecute(postgresUrl, `alter database "${building}" rename to "${name}"`);
      } catch (error) {
        await adminExecute(postgresUrl, `drop database if exists "${building}" with (force)`);
        if ((await adminExecute(postgresUrl, 'select 1 from pg_database where datname = ?', [name])).length === 0) throw error;
      }
      return name;
    })();
    postgresTemplates.set(postgresUrl, template);
  }
  return template;
}

/** Creates `name` as a copy of `template`, retrying while PostgreSQL finds the template busy (another copy starting). */
async function copyDatabase(postgresUrl: string, template: string, name: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminExecute(postgresUrl, `create database "${name}" template "${template}"`);
      return;
    } catch (error) {
      const busy = error instanceof Error && /being accessed by other users/.test(error.message);
      if (!busy || attempt >= 20) throw error;
      await sleep(100 * attempt);
    }
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
  await copyDatabase(postgresUrl, await postgresTemplate(postgresUrl), name);
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
