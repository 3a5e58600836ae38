import { afterAll, describe, expect, it } from 'vitest';
import { User } from './entities/user.entity.ts';
import { createTestDatabase } from './testing.ts';

const db = await createTestDatabase();
afterAll(() => db.destroy());

describe(`database (${db.driver})`, () => {
  it('applies every migration from an empty database', async () => {
    expect(await db.pendingMigrations()).toEqual([]);
    expect(await db.ping()).toBe(true);
  });

  it('forks isolated identity maps', async () => {
    const a = db.fork();
    a.create(User, { id: crypto.randomUUID(), email: 'x@y.z', username: 'xyz', usernameSkeleton: 'xyz', passwordHash: 'h', displayName: null, bio: null, role: 'user' });
    await a.flush();
    const b = db.fork();
    const found = await b.findOneOrFail(User, { username: 'xyz' });
    expect(found).not.toBe(await a.findOneOrFail(User, { username: 'xyz' }));
    expect(found.role).toBe('user');
  });

  it.runIf(db.driver === 'postgresql')('connects to PostgreSQL with JIT compilation off', async () => {
    expect((await db.executeSql('show jit')).rows).toEqual([{ jit: 'off' }]);
  });

  it('never serialises the password hash', async () => {
    const user = await db.fork().findOneOrFail(User, { username: 'xyz' }, { populate: ['passwordHash'] });
    expect(user.passwordHash).toBe('h');
    expect(JSON.stringify(user)).not.toContain('passwordHash');
  });
});

describe(`executeSql (${db.driver})`, () => {
  it('runs parameterised SQL and returns rows', async () => {
    const { rows } = await db.executeSql('select $1::int + $2::int as sum, $3::text as word', [2, 3, 'veza']);
    expect(rows).toEqual([{ sum: 5, word: 'veza' }]);
    await db.executeSql('create temporary table t_exec (v text)');
    await db.executeSql('insert into t_exec values ($1), ($2)', ['a', 'b']);
    expect((await db.executeSql('select count(*)::int as n from t_exec')).rows[0]).toEqual({ n: 2 });
  });
});

describe(`executeScript (${db.driver})`, () => {
  it('runs several statements at once and returns their rows in order', async () => {
    const { rows } = await db.executeScript(`
      create temporary table t_script (v int);
      insert into t_script values (1), (2), (3);
      select sum(v)::int as total from t_script;
      select 'done' as step;
    `);
    expect(rows).toEqual([{ total: 6 }, { step: 'done' }]);
  });
});

describe(`executeScript failures (${db.driver})`, () => {
  it('rolls back a failed block and leaves the connection usable', async () => {
    await db.executeSql('create table if not exists t_script_fail (v int)');
    await expect(db.executeScript('begin; insert into t_script_fail values (1); select 1/0; commit;')).rejects.toThrow(/division by zero/);
    expect((await db.executeSql('select count(*)::int as n from t_script_fail')).rows).toEqual([{ n: 0 }]);
  });
});
