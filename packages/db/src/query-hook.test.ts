import { afterEach, describe, expect, it } from 'vitest';
import { summarise, type QueryEvent } from './query-hook.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';
import { User } from './entities/user.entity.ts';

describe('summarise', () => {
  it('names the operation and first table, never the values', () => {
    expect(summarise(`select "u0".* from "users" as "u0" where "u0"."email" = 'a@b.c'`)).toBe('select users');
    expect(summarise(`insert into "public"."tracks" ("id") values ('x')`)).toBe('insert tracks');
    expect(summarise(`update "sessions" set "token_hash" = 'secret'`)).toBe('update sessions');
    expect(summarise('delete from "likes" where 1=1')).toBe('delete likes');
    expect(summarise('begin')).toBe('begin');
    expect(summarise('vacuum')).toBe('query');
  });
});

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe('setQueryHook', () => {
  it('reports each ORM query with its duration until the hook is removed', async () => {
    db = await createTestDatabase();
    const events: QueryEvent[] = [];
    db.setQueryHook((event) => events.push(event));
    await db.fork().count(User, {});
    expect(events).toContainEqual({ summary: 'select users', tookMs: expect.any(Number), failed: false });
    db.setQueryHook(null);
    const seen = events.length;
    await db.fork().count(User, {});
    expect(events.length).toBe(seen);
  }, 60_000);
});
