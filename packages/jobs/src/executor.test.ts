import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/src/testing.ts';
import { toBossDatabase, type SqlExecutor } from './executor.ts';
import { splitSqlStatements } from './sql-script.ts';

describe('splitSqlStatements', () => {
  it('splits on top-level semicolons only', () => {
    const script = `
      -- a comment; with a semicolon
      BEGIN;
      CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;
      SELECT 'it''s; fine', E'back\\'slash;', "odd;name" FROM t WHERE x = $1 /* c; /* nested; */ */;
      DO $$ BEGIN PERFORM 1; END $$;
      COMMIT;
      -- trailing comment only`;
    const statements = splitSqlStatements(script);
    expect(statements).toHaveLength(5);
    expect(statements[0]).toMatch(/BEGIN$/);
    expect(statements[1]).toMatch(/^CREATE FUNCTION .* LANGUAGE plpgsql$/);
    expect(statements[2]).toMatch(/^SELECT 'it''s; fine'.*\*\/$/);
    expect(statements[3]).toBe('DO $$ BEGIN PERFORM 1; END $$');
    expect(statements[4]).toBe('COMMIT');
  });
});

describe('toBossDatabase on PGlite', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(null);
  });
  afterAll(() => db.destroy());

  it('runs scripts statement by statement and flattens their rows', async () => {
    const boss = toBossDatabase(db);
    const { rows } = await boss.executeSql('BEGIN; SELECT 1 AS a; SELECT 2 AS a; COMMIT;');
    expect(rows).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('rolls back a failed block so the one connection is usable again', async () => {
    const boss = toBossDatabase(db);
    await boss.executeSql('CREATE TABLE script_t (v int)');
    await expect(boss.executeSql('BEGIN; INSERT INTO script_t VALUES (1); SELECT 1/0; COMMIT;')).rejects.toThrow(/division by zero/);
    expect((await boss.executeSql('SELECT count(*)::int AS n FROM script_t')).rows).toEqual([{ n: 0 }]);
  });

  it("serialises pg-boss's calls so a block is never entered by another call", async () => {
    const log: string[] = [];
    const slow: SqlExecutor = {
      async executeSql(text) {
        log.push(text);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { rows: [] };
      },
    };
    const boss = toBossDatabase(slow);
    await Promise.all([boss.executeSql('BEGIN; SELECT 1; COMMIT'), boss.executeSql('SELECT $1::int', [2])]);
    expect(log).toEqual(['BEGIN', 'SELECT 1', 'COMMIT', 'SELECT $1::int']);
  });

  it('prefers executeScript when the executor has one, and passes through on a pool', async () => {
    const calls: string[] = [];
    const executor: SqlExecutor = {
      executeSql: (text) => { calls.push(`sql:${text}`); return Promise.resolve({ rows: [] }); },
      executeScript: (text) => { calls.push(`script:${text}`); return Promise.resolve({ rows: [{ ok: true }] }); },
    };
    expect((await toBossDatabase(executor).executeSql('SELECT 1; SELECT 2')).rows).toEqual([{ ok: true }]);
    await toBossDatabase({ ...executor, executeScript: undefined, driver: 'postgresql' }).executeSql('SELECT 1; SELECT 2');
    expect(calls).toEqual(['script:SELECT 1; SELECT 2', 'sql:SELECT 1; SELECT 2']);
  });
});
