import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Migrator } from '@mikro-orm/migrations';
import type { EntityManager, LoggerOptions } from '@mikro-orm/sql';
import { entities } from './entities/index.ts';
import { HookedLogger, type QueryHook } from './query-hook.ts';
import { initPgliteDataDir, pgliteExtensions, pgliteStartParams } from './pglite.ts';

/** The one migrations folder, at the repository's top level, shared by PGlite and PostgreSQL. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

export type Em = EntityManager;

/** Advisory lock id taken while migrating on PostgreSQL (an arbitrary constant: 'veza' as ASCII). */
const MIGRATION_LOCK_KEY = 0x7665_7a61;

export interface DatabaseOptions {
  /** PostgreSQL connection string. When set, PostgreSQL is used instead of PGlite. */
  url?: string | undefined;
  /** PGlite data directory, or `memory://` for an in-memory database. Ignored when `url` is set. */
  dataDir?: string | undefined;
  /** Log SQL. */
  debug?: boolean | undefined;
  /** In-memory PGlite only: start from this dump of a cluster (`dumpDataDir`) instead of an empty one. */
  loadDataDir?: Blob | undefined;
}

export interface Database {
  readonly driver: 'pglite' | 'postgresql';
  /** A fresh EntityManager with its own identity map: one per request, job or subscription. */
  fork(): Em;
  /** Applies pending migrations; returns the names applied. */
  migrate(): Promise<string[]>;
  /** Names of migrations not yet applied. */
  pendingMigrations(): Promise<string[]>;
  /** Writes a new migration from the schema diff (development only). */
  createMigration(name?: string): Promise<string | null>;
  /**
   * The SQL MikroORM would run to bring this database to the entities (empty when they agree). Compares the live
   * database, not the migrations snapshot; for the schema drift test and development.
   */
  schemaDiff(): Promise<string>;
  /**
   * Runs raw SQL with positional parameters ($1, $2, …) and returns the rows. For libraries that bring
   * their own SQL and accept an executor (the job queue), so they run on PGlite as well as PostgreSQL.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /**
   * Runs a parameterless multi-statement script in one go and returns every statement's rows, in order.
   * On PGlite it holds the instance's lock for the whole script, so nothing else interleaves.
   */
  executeScript(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
  /** True when a trivial query succeeds. */
  ping(): Promise<boolean>;
  /** Connections in use, idle, and requests waiting for one (PostgreSQL's pool; the embedded database has one). */
  poolStats(): Promise<{ used: number; idle: number; waiting: number }>;
  /** Reports every ORM query (its shape and duration) to `hook`, e.g. for trace spans; null stops it. */
  setQueryHook(hook: QueryHook | null): void;
  close(): Promise<void>;
}

type Rows = { rows: Record<string, unknown>[] };
interface NativeClient {
  query(text: string, values?: unknown[]): Promise<Rows | Rows[]>;
  /** PGlite only: a multi-statement script under the instance lock. */
  exec?(sql: string): Promise<Rows[]>;
  /** pg Pool only: one connection for a script, so a failed block can be rolled back on it. */
  connect?(): Promise<{ query(text: string): Promise<Rows | Rows[]>; release(): void }>;
}

const flatten = (results: Rows | Rows[]) => ({ rows: (Array.isArray(results) ? results : [results]).flatMap((r) => r.rows ?? []) });

const migrations = {
  path: MIGRATIONS_DIR,
  glob: '!(*.d).ts',
  emit: 'ts' as const,
  snapshotName: '.snapshot-veza',
  transactional: true,
  allOrNothing: true,
  silent: true,
};

async function initOrm(options: DatabaseOptions, hook: () => QueryHook | null) {
  const common = {
    loggerFactory: (loggerOptions: LoggerOptions) => new HookedLogger(loggerOptions, hook),
    entities,
    extensions: [Migrator],
    migrations,
    debug: options.debug ?? false,
    allowGlobalContext: false,
    ensureDatabase: false,
  };
  // Only the driver in use is loaded: the other one is resident memory for nothing.
  if (options.url) {
    const { MikroORM } = await import('@mikro-orm/postgresql');
    // JIT off: Veza's queries are short, and compiling one costs more than it saves. A home feed query planned just
    // above jit_above_cost spent ~50 ms compiling for 7 ms of work (7 Dec 2026, tooling/bench/home-feed.mjs).
    return { driver: 'postgresql' as const, orm: await MikroORM.init({ ...common, clientUrl: options.url, driverOptions: { options: '-c jit=off' } }) };
  }
  const { MikroORM } = await import('@mikro-orm/pglite');
  const startParams = await pgliteStartParams();
  const extensions = await pgliteExtensions();
  const dataDir = options.dataDir ?? 'memory://';
  if (dataDir === 'memory://') {
    const { loadDataDir } = options;
    // A dump goes through a factory: MikroORM deep-merges plain driver options, which would copy the Blob into an
    // object PGlite can't read.
    const driverOptions = loadDataDir ? () => ({ startParams, extensions, loadDataDir }) : { startParams, extensions };
    return { driver: 'pglite' as const, orm: await MikroORM.init({ ...common, dbName: 'memory://', driverOptions }) };
  }
  mkdirSync(dataDir, { recursive: true });
  await initPgliteDataDir(dataDir);
  return { driver: 'pglite' as const, orm: await MikroORM.init({ ...common, dbName: 'postgres', driverOptions: { dataDir, startParams, extensions } }) };
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  let queryHook: QueryHook | null = null;
  const { driver, orm } = await initOrm(options, () => queryHook);
  const migrator = orm.migrator;
  let closed = false;
  return {
    driver,
    fork: () => orm.em.fork() as Em,
    async migrate() {
      // Many servers starting at once (a rolling deploy) must not apply the same migration twice: on PostgreSQL
      // a session-level advisory lock, held on one pooled connection, lets one instance migrate while the others
      // wait and then find nothing pending. PGlite has a single process.
      const native = (await orm.em.getConnection().getNativeClient()) as NativeClient;
      const client = driver === 'postgresql' && native.connect ? await native.connect() : null;
      try {
        await client?.query(`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
        const applied = await migrator.up();
        return applied.map((m) => m.name);
      } finally {
        if (client) {
          await client.query(`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`).catch(() => undefined);
          client.release();
        }
      }
    },
    async pendingMigrations() {
      const pending = await migrator.getPending();
      return pending.map((m) => m.name);
    },
    async createMigration(name) {
      const result = await migrator.create(undefined, false, false, name);
      return result.diff.up.length > 0 ? result.fileName : null;
    },
    schemaDiff() {
      return orm.schema.getUpdateSchemaSQL({ wrap: false });
    },
    async executeSql(text, values = []) {
      // Below MikroORM (which rewrites placeholders): PGlite's instance and pg's Pool both answer query().
      const native = (await orm.em.getConnection().getNativeClient()) as NativeClient;
      const result = await native.query(text, values);
      return { rows: Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows };
    },
    async executeScript(sql) {
      const native = (await orm.em.getConnection().getNativeClient()) as NativeClient;
      // pg runs a parameterless multi-statement text with the simple protocol, answering one result per statement.
      // A failed statement inside BEGIN … COMMIT leaves the connection in an aborted transaction: roll back.
      if (native.exec) {
        try {
          return flatten(await native.exec(sql));
        } catch (error) {
          await native.query('rollback').catch(() => undefined);
          throw error;
        }
      }
      const client = native.connect ? await native.connect() : null;
      if (!client) return flatten(await native.query(sql));
      try {
        return flatten(await client.query(sql));
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    setQueryHook(hook) {
      queryHook = hook;
    },
    async poolStats() {
      if (closed) return { used: 0, idle: 0, waiting: 0 };
      const native = (await orm.em.getConnection().getNativeClient()) as Partial<{ totalCount: number; idleCount: number; waitingCount: number }>;
      if (typeof native.totalCount !== 'number') return { used: 0, idle: 1, waiting: 0 };
      const idle = native.idleCount ?? 0;
      return { used: native.totalCount - idle, idle, waiting: native.waitingCount ?? 0 };
    },
    async ping() {
      // After close(), MikroORM would reconnect (to a new, empty database for in-memory PGlite).
      if (closed) return false;
      try {
        await orm.em.getConnection().execute('select 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      closed = true;
      await orm.close(true);
    },
  };
}
