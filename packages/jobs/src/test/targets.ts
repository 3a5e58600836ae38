// Test targets: PGlite in memory always; PostgreSQL (a fresh database) when DATABASE_URL is set.
// The db package is reached by relative path: it is a test-only dependency of this package.
import { createTestDatabase, type TestDatabase } from '../../../db/src/testing.ts';
import type { JobQueueOptions } from '../types.ts';

export type TargetName = 'pglite' | 'postgresql';

export const postgresUrl = process.env.DATABASE_URL;

export const targets: TargetName[] = postgresUrl ? ['pglite', 'postgresql'] : ['pglite'];

export interface Target {
  db: TestDatabase;
  /** Options for a queue on this target: the executor on PGlite, its own pool on PostgreSQL. */
  queueOptions(extra?: Partial<JobQueueOptions>): JobQueueOptions;
  connectionString: string | null;
}

export async function openTarget(name: TargetName): Promise<Target> {
  const db = await createTestDatabase(name === 'postgresql' ? postgresUrl : null);
  let connectionString: string | null = null;
  if (name === 'postgresql' && postgresUrl) {
    const { rows } = await db.executeSql('select current_database() as name');
    const url = new URL(postgresUrl);
    url.pathname = `/${String(rows[0]?.name)}`;
    connectionString = url.toString();
  }
  return {
    db,
    connectionString,
    queueOptions: (extra = {}) =>
      connectionString
        ? { superviseIntervalSeconds: 1, ...extra, connectionString, maxConnections: 4 }
        : { superviseIntervalSeconds: 1, ...extra, executor: db },
  };
}

/** The job's row as the database holds it, read without going through a queue instance. */
export async function jobRow(db: TestDatabase, id: string) {
  const { rows } = await db.executeSql(
    'select state, retry_count as "retryCount", output from pgboss.job where id = $1',
    [id],
  );
  return rows[0] as { state: string; retryCount: number; output: Record<string, unknown> | null } | undefined;
}
