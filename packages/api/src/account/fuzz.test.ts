// Hostile and random input to every account procedure: typed errors with a message, never a 500.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { createHarness, type Harness } from '../test/harness.ts';
import { settleBackgroundWork } from './background.ts';

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await createHarness();
  token = (await h.signUp('fuzz')).token;
});
afterAll(async () => {
  await settleBackgroundWork();
  await h.close();
});

const hostileString = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', '<script>alert(1)</script>', "' or 1=1 --", 'аdmin', '𝓪𝓭𝓶𝓲𝓷', 'a'.repeat(5000), '%00', '\u202eevil'),
);
const hostileInput = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.record({ username: hostileString }),
  fc.record({ token: hostileString }),
  fc.record({ email: hostileString, language: fc.oneof(hostileString, fc.constant(undefined)) }),
  fc.record({ token: hostileString, password: hostileString }),
  fc.record({ newPassword: hostileString }),
);

type Proc = (input: unknown) => Promise<unknown>;
const PROCEDURES = ['usernameAvailable', 'sendVerification', 'verifyEmail', 'requestPasswordReset', 'resetPassword', 'changeEmail', 'changePassword', 'requestDeletion', 'cancelDeletion', 'export'] as const;

describe('account procedures under fuzzing', () => {
  for (const name of PROCEDURES) {
    it(`${name}: never an internal error`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileInput, fc.boolean(), async (input, signedIn) => {
          const api = await h.caller(signedIn ? { token } : {});
          const proc = (api.account as unknown as Record<string, Proc>)[name]!;
          try {
            await proc(input);
          } catch (error) {
            expect(error).toBeInstanceOf(TRPCError);
            expect((error as TRPCError).code).not.toBe('INTERNAL_SERVER_ERROR');
            expect((error as TRPCError).message.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});
