// Adapts a `{ executeSql }` executor (e.g. @veza/db's Database) to the database interface pg-boss
// accepts in its `db` option.
import { splitSqlStatements } from './sql-script.ts';

export interface SqlRows {
  rows: Record<string, unknown>[];
}

/** Runs parameterised SQL ($1, $2…) on one database. @veza/db's `Database` satisfies it. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<SqlRows>;
  /**
   * Runs a parameterless multi-statement script in one go, atomically with respect to everything
   * else on the connection (PGlite: `exec()`, which holds the instance lock for the whole script).
   * Optional: without it, scripts are split and run statement by statement (see toBossDatabase).
   */
  executeScript?(sql: string): Promise<SqlRows>;
  /**
   * 'pglite' (the default when absent) marks a single-connection executor whose executeSql runs one
   * statement per call. 'postgresql' means a pool that runs parameterless scripts as they are.
   */
  readonly driver?: 'pglite' | 'postgresql';
}

/** The shape pg-boss calls (its IDatabase), kept structural so pg-boss types stay inside. */
export interface BossDatabase {
  executeSql(text: string, values?: unknown[]): Promise<SqlRows>;
}

const TRANSACTION_START = /^(begin|start\s+transaction)\b/i;

/**
 * On a single-connection executor without executeScript two things are needed:
 * - scripts are split and run statement by statement, rows flattened (as node-postgres returns a
 *   multi-statement result), with a ROLLBACK when a statement inside BEGIN…COMMIT fails so the one
 *   connection is not left in an aborted transaction;
 * - pg-boss's own calls are serialised, so a worker's fetch never runs inside another pg-boss
 *   call's open transaction (a pool would have given each its own connection).
 * The application's own statements on the same connection are not serialised with these: one that
 * lands between a split block's BEGIN and COMMIT joins that transaction. pg-boss's blocks are short
 * (maintenance, queue creation), but an executor with executeScript closes the gap entirely.
 */
export function toBossDatabase(executor: SqlExecutor): BossDatabase {
  if (executor.driver === 'postgresql') {
    return { executeSql: (text, values) => executor.executeSql(text, values) };
  }
  let tail: Promise<unknown> = Promise.resolve();
  const serialised = <T>(run: () => Promise<T>): Promise<T> => {
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
  const runScript = async (text: string): Promise<SqlRows> => {
    if (executor.executeScript) return executor.executeScript(text);
    const statements = splitSqlStatements(text);
    if (statements.length <= 1) return executor.executeSql(text);
    const rows: Record<string, unknown>[] = [];
    let inTransaction = false;
    try {
      for (const statement of statements) {
        if (TRANSACTION_START.test(statement)) inTransaction = true;
        const result = await executor.executeSql(statement);
        rows.push(...result.rows);
        if (/^(commit|end|rollback)\b/i.test(statement)) inTransaction = false;
      }
    } catch (error) {
      if (inTransaction) await executor.executeSql('ROLLBACK').catch(() => undefined);
      throw error;
    }
    return { rows };
  };
  return {
    executeSql: (text, values) =>
      serialised(() => (values && values.length > 0 ? executor.executeSql(text, values) : runScript(text))),
  };
}
