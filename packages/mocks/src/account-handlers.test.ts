import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@veza/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accountMock } from './account-handlers.ts';
import { db, resetMockDb } from './db.ts';
import { server } from './node.ts';

const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: 'http://localhost/trpc' })] });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  resetMockDb();
});
afterAll(() => server.close());

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) return (error as TRPCClientError<AppRouter>).data?.code;
  }
  throw new Error('expected a tRPC error');
};

describe('account mock back end', () => {
  it('keeps sessions per user and starts afresh after resetMockDb', async () => {
    resetMockDb({ signedInAs: 'ana' });
    const [current, other] = await api.auth.sessions.list.query();
    expect(current?.current).toBe(true);
    await api.auth.sessions.revoke.mutate({ id: other!.id });
    expect(await api.auth.sessions.list.query()).toHaveLength(3);
    expect(await codeOf(api.auth.sessions.revoke.mutate({ id: other!.id }))).toBe('NOT_FOUND');

    resetMockDb({ signedInAs: 'ana' });
    expect(await api.auth.sessions.list.query()).toHaveLength(4);
  });

  it('gates admin procedures by role: moderators list users, only admins read the audit log and mailbox', async () => {
    resetMockDb({ signedInAs: 'ana' });
    expect(await codeOf(api.admin.users.list.query({}))).toBe('FORBIDDEN');
    accountMock.setRole('ana', 'moderator');
    expect((await api.admin.users.list.query({})).items.map((u) => u.username)).toEqual(['lea_m', 'marc.dubois', 'ana', 'ines']);
    expect(await codeOf(api.admin.audit.list.query({}))).toBe('FORBIDDEN');
    expect(await codeOf(api.devMailbox.list.query({}))).toBe('FORBIDDEN');
    accountMock.setRole('ana', 'admin');
    expect((await api.devMailbox.list.query({})).enabled).toBe(true);
  });

  it('answers username availability with the reason', async () => {
    expect(await api.account.usernameAvailable.query({ username: 'zoe' })).toEqual({ available: true, reason: null, message: null });
    expect(await api.account.usernameAvailable.query({ username: 'Ana' })).toMatchObject({ available: false, reason: 'taken' });
    expect(await api.account.usernameAvailable.query({ username: 'admin' })).toMatchObject({ available: false, reason: 'reserved' });
    expect(await api.account.usernameAvailable.query({ username: 'a' })).toMatchObject({ available: false, reason: 'invalid' });
  });

  it('schedules and cancels a deletion on the mock user', async () => {
    resetMockDb({ signedInAs: 'marc.dubois' });
    const { purgeAt } = await api.account.requestDeletion.mutate();
    expect(new Date(purgeAt).getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    expect(db.users.find((u) => u.username === 'marc.dubois')?.deletionRequestedAt).not.toBeNull();
    await api.account.cancelDeletion.mutate();
    expect((await api.auth.me.query()).deletionRequestedAt).toBeNull();
  });
});
