// Random and hostile input to every tracks, users and notifications procedure (found by walking the router, so
// new ones are fuzzed too), anonymous and signed in, subscriptions included (their first event or error): a typed
// error with a message, never an internal error — on PGlite and on PostgreSQL (DATABASE_URL).
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../root.ts';
import { createHarness, type Harness } from '../test/harness.ts';

const FUZZED = ['tracks.', 'users.', 'notifications.'];
type Procedures = Record<string, { _def: { type: 'query' | 'mutation' | 'subscription' } }>;
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Procedures } })._def.procedures).filter(([path]) =>
  FUZZED.some((prefix) => path.startsWith(prefix)),
);

let h: Harness;
let token: string;
/** Real ids, so the fuzzer also reaches the database with valid-looking input: own, private and someone else's. */
const knownIds: string[] = [];
beforeAll(async () => {
  h = await createHarness();
  const owner = await h.signUp('fuzz-owner');
  const other = await h.signUp('fuzz-other');
  token = owner.token;
  knownIds.push((await h.upload(owner.token, undefined, { title: 'Own' })).id);
  const hidden = (await h.upload(other.token, undefined, { title: 'Hidden' })).id;
  await other.api.tracks.update({ id: hidden, visibility: 'private' });
  knownIds.push(hidden, (await h.upload(other.token, undefined, { title: 'Theirs' })).id);
});
afterAll(() => h.close());

const b64url = (s: string) => Buffer.from(s).toString('base64url');
const hostileString = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\n', '\r', '\t', '\u001b', '\u2028', '\ud800', 'a', 'é', '🎵'), maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'title\u0000',
    'a\r\nb',
    '\u202eevil',
    "' OR '1'='1' --",
    '%',
    '_',
    '\\',
    '../../etc/passwd',
    'a'.repeat(100_000),
    '00000000-0000-0000-0000-000000000000',
    '------------------------------------',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '9223372036854775807',
    '9223372036854775808',
    '9999999999999999999',
    '-1',
    'NaN',
    '__proto__',
    'fuzz-owner',
    'FUZZ-OTHER',
  ),
);
/** Cursors shaped like ours ("<date>|<uuid>", base64url) with dates and ids the database may not take. */
const cursor = fc
  .tuple(
    fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('-271821-04-20T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '2026-02-30T00:00:00Z', '1', ''),
    ),
    fc.oneof(fc.uuid(), hostileString),
  )
  .map(([date, id]) => b64url(`${date}|${id}`));
const id = fc.oneof(fc.constantFrom(...['own', 'hidden', 'theirs'].map((_, i) => i)).map((i) => knownIds[i] ?? ''), fc.uuid(), hostileString);
const hostileValue = fc.oneof(
  hostileString,
  fc.constantFrom(null, undefined, true, false, 0, -1, 1e308, Number.NaN, Number.POSITIVE_INFINITY, [], {}),
  fc.integer(),
  fc.double(),
  fc.array(hostileString, { maxLength: 12 }),
);
const KEYS = ['id', 'cursor', 'limit', 'username', 'title', 'description', 'visibility', 'tags', 'bpm', 'musicalKey', 'lyrics', 'lastEventId', 'displayName', 'bio'];
const hostileInput = fc.oneof(
  fc.dictionary(fc.constantFrom(...KEYS, '__proto__', 'constructor'), hostileValue, { maxKeys: 5 }),
  fc.record({ cursor, limit: fc.oneof(fc.integer({ min: -5, max: 200 }), hostileValue), username: fc.oneof(fc.constant(undefined), hostileString) }),
  fc.record({
    id,
    title: fc.oneof(hostileString, fc.constant(undefined)),
    description: fc.oneof(hostileString, fc.constant(null)),
    lyrics: fc.oneof(hostileString, fc.constant(null)),
    tags: fc.array(hostileString, { maxLength: 12 }),
    bpm: fc.oneof(fc.integer(), fc.double(), fc.constant(null)),
    musicalKey: fc.oneof(hostileString, fc.constant('A minor')),
    visibility: fc.constantFrom('public', 'unlisted', 'private', 'secret'),
  }),
  fc.record({ lastEventId: fc.oneof(hostileString, fc.bigInt({ min: -1n, max: 2n ** 70n }).map(String), fc.constant(null)) }),
  fc.record({ displayName: fc.oneof(hostileString, fc.constant(null)), bio: fc.oneof(hostileString, fc.constant(null)) }),
  fc.anything({ maxDepth: 2 }),
);

type Callable = (input?: unknown) => Promise<unknown>;
const procedureOf = (api: unknown, path: string) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api) as Callable;

/** Calls the procedure; a subscription is read until its first event, its end, or a short wait for live events. */
async function call(path: string, type: string, input: unknown, signedIn: boolean) {
  const controller = new AbortController();
  const api = await h.caller({ ...(signedIn ? { token } : {}), signal: controller.signal });
  try {
    const result = await procedureOf(api, path)(input);
    if (type !== 'subscription') return;
    const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    let timer: NodeJS.Timeout | undefined;
    const quiet = new Promise<'quiet'>((resolve) => (timer = setTimeout(() => resolve('quiet'), 100)));
    try {
      await Promise.race([iterator.next(), quiet]);
    } finally {
      clearTimeout(timer);
      controller.abort();
      await iterator.return?.(undefined);
    }
  } finally {
    controller.abort();
  }
}

describe('tracks, users and notifications procedures under fuzzing', () => {
  it('covers every such procedure of the router, subscriptions included', () => {
    expect(procedures.map(([path]) => path)).toEqual(
      expect.arrayContaining(['tracks.list', 'tracks.update', 'tracks.onStatus', 'users.updateProfile', 'notifications.onEvent']),
    );
  });

  for (const [path, { _def }] of procedures) {
    it(`${path}: a typed error with a message, never an internal error`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileInput, fc.boolean(), async (input, signedIn) => {
          try {
            await call(path, _def.type, input, signedIn);
          } catch (error) {
            expect(error).toBeInstanceOf(TRPCError);
            expect((error as TRPCError).code, `${(error as Error).message} ${String((error as Error).cause ?? '')}`).not.toBe('INTERNAL_SERVER_ERROR');
            expect((error as TRPCError).message.length).toBeGreaterThan(0);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: 40 },
      );
    }, 120_000);
  }
});
