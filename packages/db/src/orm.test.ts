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
    a.create(User, { id: crypto.randomUUID(), email: 'x@y.z', username: 'xyz', passwordHash: 'h', displayName: null, bio: null, role: 'user' });
    await a.flush();
    const b = db.fork();
    const found = await b.findOneOrFail(User, { username: 'xyz' });
    expect(found).not.toBe(await a.findOneOrFail(User, { username: 'xyz' }));
    expect(found.role).toBe('user');
  });

  it('never serialises the password hash', async () => {
    const user = await db.fork().findOneOrFail(User, { username: 'xyz' }, { populate: ['passwordHash'] });
    expect(user.passwordHash).toBe('h');
    expect(JSON.stringify(user)).not.toContain('passwordHash');
  });
});
