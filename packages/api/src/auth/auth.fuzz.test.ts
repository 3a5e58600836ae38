// Random and hostile input to every sign-in, account, second-factor, passkey and OAuth procedure of the router
// (found by walking it, so new ones are fuzzed too), anonymous and signed in: typed errors with a message,
// never an internal error, never a polluted prototype. Then the timing side of "incorrect sign-in".
import { TRPCError } from '@trpc/server';
import { User } from '@veza/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleBackgroundWork } from '../account/background.ts';
import { appRouter } from '../root.ts';
import { createRateLimits } from '../security/rate-limits.ts';
import { createHarness, PASSWORD, trpcError, type Harness } from '../test/harness.ts';
import { openSession } from './session.service.ts';

const FUZZED = ['auth.', 'account.', 'mfa.', 'passkeys.', 'oauth.'];
type Procedures = Record<string, { _def: { type: 'query' | 'mutation' | 'subscription' } }>;
const paths = Object.entries((appRouter as unknown as { _def: { procedures: Procedures } })._def.procedures)
  .filter(([path, p]) => FUZZED.some((prefix) => path.startsWith(prefix)) && p._def.type !== 'subscription')
  .map(([path]) => path);

let h: Harness;
let user: User;
beforeAll(async () => {
  h = await createHarness({ limits: createRateLimits({ login: { baseDelayMs: 1, maxDelayMs: 2 } }) });
  const account = await h.signUp('fuzzy');
  user = await h.db.fork().findOneOrFail(User, { id: account.user.id });
});
afterAll(async () => {
  await settleBackgroundWork();
  await h.close();
});

const hostileString = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u0000admin',
    'a\r\nSet-Cookie: x=1',
    '\u202eevil',
    '\u0007\u001b[31m',
    "' OR '1'='1' --",
    '"; DROP TABLE users; --',
    '%',
    '_',
    '\\',
    '${jndi:ldap://x}',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    'аdmin',
    '𝓪𝓭𝓶𝓲𝓷',
    '🎵'.repeat(200),
    'a'.repeat(100_000),
    'x@'.repeat(5_000),
    'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
    '00000000-0000-0000-0000-000000000000',
    'NaN',
    '__proto__',
  ),
);
const hostileValue = fc.oneof(
  hostileString,
  fc.constantFrom(null, undefined, true, false, 0, -1, 1e308, Number.NaN, Number.POSITIVE_INFINITY, [], {}),
  fc.integer(),
  fc.double(),
  fc.array(hostileString, { maxLength: 3 }),
);
const KEYS = [
  'login', 'password', 'email', 'username', 'token', 'ticket', 'code', 'method', 'secret', 'id', 'name', 'provider',
  'challengeId', 'response', 'enrolmentId', 'newPassword', 'refreshToken', 'language', 'role', 'userId', 'cursor',
];
const pollutionKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty');
const hostileInput = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), pollutionKey), hostileValue, { maxKeys: 5 }),
  fc.record({ login: hostileString, password: hostileString }),
  fc.record({ method: fc.constantFrom('password', 'totp', 'recovery', 'passkey', 'x'), secret: hostileString, code: hostileString, ticket: hostileString }),
  fc.record({ challengeId: hostileString, response: fc.oneof(hostileValue, fc.object({ maxDepth: 2 })) }),
  fc.constantFrom(
    JSON.parse('{"__proto__":{"polluted":true},"login":"x","password":"y"}') as unknown,
    JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') as unknown,
  ),
  fc.anything({ maxDepth: 2 }),
);

/** Anonymous, or a fresh session (elevated) of the fuzz user, so a call that logs out cannot spoil the next. */
async function caller(signedIn: boolean) {
  if (!signedIn) return h.caller({ ip: '203.0.113.200' });
  const { accessToken } = await openSession({ deps: h.deps, em: h.db.fork(), meta: { ip: null, userAgent: null } }, user, 'password');
  return h.caller({ token: accessToken });
}

type Callable = (input?: unknown) => Promise<unknown>;
const procedureOf = (api: unknown, path: string) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api) as Callable;

describe('auth, account, mfa, passkeys and OAuth procedures under fuzzing', () => {
  it('covers every such procedure of the router', () => {
    expect(paths).toEqual(expect.arrayContaining(['auth.login', 'auth.register', 'auth.refresh', 'auth.sessions.revoke']));
  });

  for (const path of paths) {
    it(`${path}: a typed error with a message, never an internal error`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileInput, fc.boolean(), async (input, signedIn) => {
          try {
            await procedureOf(await caller(signedIn), path)(input);
          } catch (error) {
            expect(error).toBeInstanceOf(TRPCError);
            expect((error as TRPCError).code, (error as Error).message).not.toBe('INTERNAL_SERVER_ERROR');
            expect((error as TRPCError).message.length).toBeGreaterThan(0);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: 25 },
      );
    }, 120_000);
  }
});

describe('control characters in a login', () => {
  it('match nobody (PostgreSQL text cannot hold NUL): the usual incorrect sign-in answer', async () => {
    for (const login of ['\u0000fuzzy', 'fuzzy\u0000', 'fu\nzzy', '\u007f']) {
      const error = await trpcError(async () => (await h.caller({ ip: '198.19.0.1' })).auth.login({ login, password: PASSWORD }));
      expect({ code: error.code, message: error.message }).toEqual({ code: 'UNAUTHORIZED', message: 'Incorrect email, username or password.' });
    }
  });
});

describe('incorrect sign-in: one answer, alike timing', () => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

  it('wrong password, unknown account and locked account give the same message in similar time', async () => {
    const locked = await h.signUp('locked-one');
    await h.db.fork().nativeUpdate(User, { id: locked.user.id }, { lockedAt: new Date() });
    await h.signUp('real-one');
    let ip = 0;
    // Each attempt from its own address: this measures the answer, not the throttling.
    const attempt = async (login: string, password: string) => {
      const api = await h.caller({ ip: `198.18.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}` });
      const started = performance.now();
      const error = await trpcError(() => api.auth.login({ login, password }));
      return { ms: performance.now() - started, code: error.code, message: error.message };
    };
    const kinds = {
      wrongPassword: () => attempt('real-one', 'not the password'),
      unknownAccount: () => attempt(`nobody-${crypto.randomUUID().slice(0, 8)}`, 'not the password'),
      lockedAccount: () => attempt('locked-one', PASSWORD),
    };
    await kinds.unknownAccount(); // warm-up (the dummy hash is made once)
    const results: Record<string, { ms: number; code: string; message: string }[]> = { wrongPassword: [], unknownAccount: [], lockedAccount: [] };
    for (let round = 0; round < 9; round++) {
      for (const [name, run] of Object.entries(kinds)) results[name]?.push(await run());
    }
    const answers = new Set(Object.values(results).flatMap((rs) => rs.map((r) => `${r.code}: ${r.message}`)));
    expect([...answers]).toEqual(['UNAUTHORIZED: Incorrect email, username or password.']);
    const medians = Object.values(results).map((rs) => median(rs.map((r) => r.ms)));
    // Generous: the three go through one argon2 verification each; a shortcut would be an order of magnitude apart.
    expect(Math.max(...medians) / Math.min(...medians)).toBeLessThan(2.5);
  }, 60_000);
});
