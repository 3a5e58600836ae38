// Random and hostile input to every admin and dev-mailbox procedure (found by walking the router), as an
// anonymous caller, a plain user and an elevated admin: a typed error with a message, never an internal error —
// on PGlite and on PostgreSQL (DATABASE_URL).
import { TRPCError } from '@trpc/server';
import { User } from '@veza/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../auth/session.service.ts';
import { appRouter } from '../root.ts';
import { createHarness, type Harness } from '../test/harness.ts';

const FUZZED = ['admin.', 'devMailbox.'];
type Procedures = Record<string, { _def: { type: 'query' | 'mutation' | 'subscription' } }>;
const paths = Object.entries((appRouter as unknown as { _def: { procedures: Procedures } })._def.procedures)
  .filter(([path]) => FUZZED.some((prefix) => path.startsWith(prefix)))
  .map(([path]) => path);

let h: Harness;
let admin: User;
let userToken: string;
const knownIds: string[] = [];
beforeAll(async () => {
  h = await createHarness();
  const boss = await h.signUp('fuzz-admin');
  const plain = await h.signUp('fuzz-plain');
  const target = await h.signUp('fuzz-target');
  await h.db.fork().nativeUpdate(User, { id: boss.user.id }, { role: 'admin' });
  admin = await h.db.fork().findOneOrFail(User, { id: boss.user.id });
  userToken = plain.token;
  knownIds.push(target.user.id, plain.user.id, boss.user.id);
});
afterAll(() => h.close());

const b64url = (s: string) => Buffer.from(s).toString('base64url');
const hostileString = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\n', '%', '_', '\\', "'", 'a', '1', '.'), maxLength: 20 }),
  fc.constantFrom('', '\u0000', '%', '_', "' OR 1=1 --", '00000000-0000-0000-0000-000000000000', '9223372036854775807', '9223372036854775808', '0', '-1', '::1', '127.0.0.1', 'a'.repeat(10_000)),
);
const cursor = fc.oneof(
  hostileString,
  fc.oneof(hostileString, fc.bigInt({ min: -1n, max: 2n ** 70n }).map(String)).map(b64url),
);
const date = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('-000001-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z'),
  fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59+14:00', '1969-12-31T23:59:59Z', '2026-02-29T00:00:00Z', 'yesterday'),
);
const id = fc.oneof(fc.constantFrom(0, 1, 2).map((i) => knownIds[i] ?? ''), fc.uuid(), hostileString);
const hostileValue = fc.oneof(hostileString, fc.constantFrom(null, undefined, true, false, 0, -1, 1e308, Number.NaN, [], {}), fc.integer());
const hostileInput = fc.oneof(
  { arbitrary: fc.record({ since: date, until: fc.option(date) }, { requiredKeys: ['since'] }), weight: 2 },
  fc.dictionary(fc.constantFrom('query', 'role', 'cursor', 'limit', 'userId', 'locked', 'types', 'ip', 'since', 'until', 'to', '__proto__'), hostileValue, { maxKeys: 5 }),
  fc.record({ query: fc.option(hostileString), role: fc.option(fc.constantFrom('user', 'admin', 'moderator', 'root')), cursor: fc.option(cursor), limit: fc.option(fc.integer({ min: -1, max: 101 })) }, { requiredKeys: [] }),
  fc.record({ userId: id, role: fc.constantFrom('user', 'creator', 'moderator', 'admin', 'x'), locked: fc.oneof(fc.boolean(), hostileValue) }),
  fc.record(
    { types: fc.option(fc.array(fc.constantFrom('login.failed', 'account.created', 'nope'), { maxLength: 3 })), userId: fc.option(id), ip: fc.option(hostileString), since: fc.option(date), until: fc.option(date), cursor: fc.option(cursor) },
    { requiredKeys: [] },
  ),
  fc.record({ to: fc.option(hostileString), cursor: fc.option(cursor) }, { requiredKeys: [] }),
  fc.anything({ maxDepth: 2 }),
);

type Who = 'anonymous' | 'user' | 'admin';
async function caller(who: Who) {
  if (who === 'anonymous') return h.caller();
  if (who === 'user') return h.caller({ token: userToken });
  // A fresh sign-in each time: elevated (recent), and a lock or demotion by an earlier run cannot spoil the next.
  await h.db.fork().nativeUpdate(User, { id: admin.id }, { role: 'admin', lockedAt: null });
  const { accessToken } = await openSession({ deps: h.deps, em: h.db.fork(), meta: { ip: null, userAgent: null } }, admin, 'password');
  return h.caller({ token: accessToken });
}

type Callable = (input?: unknown) => Promise<unknown>;
const procedureOf = (api: unknown, path: string) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api) as Callable;

describe('admin and dev-mailbox procedures under fuzzing', () => {
  it('covers every such procedure of the router', () => {
    expect(paths).toEqual(expect.arrayContaining(['admin.users.list', 'admin.users.setRole', 'admin.audit.list', 'devMailbox.list']));
  });

  for (const path of paths) {
    it(`${path}: a typed error with a message, never an internal error`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileInput, fc.constantFrom<Who>('anonymous', 'user', 'admin', 'admin'), async (input, who) => {
          try {
            await procedureOf(await caller(who), path)(input);
          } catch (error) {
            expect(error).toBeInstanceOf(TRPCError);
            expect((error as TRPCError).code, `${(error as Error).message} ${String((error as Error).cause ?? '')}`).not.toBe('INTERNAL_SERVER_ERROR');
            expect((error as TRPCError).message.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 40 },
      );
    }, 120_000);
  }
});
