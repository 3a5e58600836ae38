import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@veza/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetMockDb } from './db.ts';
import { server } from './node.ts';
import { enableMockTwoFactor, MOCK_RECOVERY_CODES, MOCK_SPENT_TOTP_CODE, MOCK_TOTP_CODE } from './security-handlers.ts';

const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: 'http://localhost/trpc' })] });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  resetMockDb();
});
afterAll(() => server.close());

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<AppRouter>;
  }
  throw new Error('expected a tRPC error');
};

describe('mock security back end', () => {
  it('refuses sensitive calls with the step-up reason until the user confirms it is them', async () => {
    resetMockDb({ signedInAs: 'ana' });
    const refused = await errorOf(api.mfa.totp.begin.mutate());
    expect(refused.data).toMatchObject({ code: 'FORBIDDEN', reason: 'step_up_required' });
    expect((await errorOf(api.mfa.stepUp.mutate({ method: 'password', secret: 'nope' }))).data).toMatchObject({ code: 'BAD_REQUEST', reason: 'wrong_password' });
    await api.mfa.stepUp.mutate({ method: 'password', secret: 'password123' });
    const enrolment = await api.mfa.totp.begin.mutate();
    const { recoveryCodes } = await api.mfa.totp.confirm.mutate({ enrolmentId: enrolment.enrolmentId, code: MOCK_TOTP_CODE });
    expect(recoveryCodes).toEqual(MOCK_RECOVERY_CODES);
    expect(await api.mfa.status.query()).toMatchObject({ totpEnabled: true, recoveryCodesRemaining: 10 });
  });

  it('asks 2FA users for a second factor at login; a recovery code works once', async () => {
    enableMockTwoFactor('ana');
    const first = await api.auth.login.mutate({ login: 'ana', password: 'password123' });
    if (first.status !== 'second_factor') throw new Error('expected the second step');
    expect((await errorOf(api.auth.me.query())).data?.code).toBe('UNAUTHORIZED');
    await api.mfa.completeLogin.mutate({ ticket: first.ticket, method: 'recovery', code: MOCK_RECOVERY_CODES[0]! });
    expect((await api.auth.me.query()).username).toBe('ana');

    const second = await api.auth.login.mutate({ login: 'ana', password: 'password123' });
    if (second.status !== 'second_factor') throw new Error('expected the second step');
    // Refused like the server does: BAD_REQUEST with a reason and the message on the code field.
    const reused = (await errorOf(api.mfa.completeLogin.mutate({ ticket: second.ticket, method: 'recovery', code: MOCK_RECOVERY_CODES[0]! }))).data;
    expect(reused).toMatchObject({ code: 'BAD_REQUEST', reason: 'wrong_code', fieldErrors: { code: [expect.stringMatching(/already used/)] } });
    const spent = (await errorOf(api.mfa.completeLogin.mutate({ ticket: second.ticket, method: 'totp', code: MOCK_SPENT_TOTP_CODE }))).data;
    expect(spent).toMatchObject({ code: 'BAD_REQUEST', reason: 'code_reused' });
  });
});
