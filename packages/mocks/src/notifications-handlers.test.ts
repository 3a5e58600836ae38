// The mock notification centre and web push, through a tRPC client against the MSW handlers: paging, marking read
// (one, all up to a seq), kinds hidden from the app, preferences with a locked channel and the digest, push devices.
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@veza/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetMockDb } from './db.ts';
import { server } from './node.ts';
import { MOCK_VAPID_PUBLIC_KEY, notificationsMock } from './notifications-handlers.ts';

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
    if (error instanceof TRPCClientError) return ((error as TRPCClientError<AppRouter>).data as { code: string }).code;
  }
  throw new Error('expected a tRPC error');
};

describe('mock notifications', () => {
  it('pages newest first and counts unread groups; marking one, then all up to a seq', async () => {
    resetMockDb({ signedInAs: 'ana' });
    notificationsMock.many('ana', 25);
    const first = await api.notifications.list.query({ limit: 20 });
    expect(first.items).toHaveLength(20);
    expect(first.items[0]?.seq).toBe('25');
    const second = await api.notifications.list.query({ limit: 20, cursor: first.nextCursor });
    expect(second.items.map((g) => g.seq)).toEqual(['5', '4', '3', '2', '1']);
    expect(second.nextCursor).toBeNull();
    expect(await api.notifications.unreadCount.query()).toEqual({ unread: 25 });
    expect(await api.notifications.markRead.mutate({ id: '25' })).toEqual({ unread: 24 });
    expect(await api.notifications.markAllRead.mutate({ upTo: '10' })).toEqual({ marked: 10, unread: 14 });
    expect(await codeOf(api.notifications.markRead.mutate({ id: '999' }))).toBe('NOT_FOUND');
  });

  it('lists only unread groups when asked, a page at a time', async () => {
    resetMockDb({ signedInAs: 'ana' });
    notificationsMock.many('ana', 25);
    await api.notifications.markAllRead.mutate({ upTo: '20' });
    const first = await api.notifications.list.query({ limit: 3, unreadOnly: true });
    expect(first.items.map((g) => g.seq)).toEqual(['25', '24', '23']);
    const second = await api.notifications.list.query({ limit: 3, unreadOnly: true, cursor: first.nextCursor });
    expect(second).toMatchObject({ items: [{ seq: '22' }, { seq: '21' }], nextCursor: null });
    expect((await api.notifications.list.query({ limit: 50 })).items).toHaveLength(25);
    await api.notifications.markAllRead.mutate({});
    expect(await api.notifications.list.query({ unreadOnly: true })).toEqual({ items: [], nextCursor: null });
  });

  it('keeps kinds switched off in the app out of the centre; security stays on; the digest changes', async () => {
    resetMockDb({ signedInAs: 'ana' });
    const before = await api.notifications.preferences.get.query();
    expect(before).toMatchObject({ digest: 'weekly', pushAvailable: true, locked: { security: ['inApp', 'email'] } });
    const after = await api.notifications.preferences.update.mutate({ kinds: { likes: { inApp: false }, security: { email: false } }, digest: 'daily' });
    expect(after.kinds.likes.inApp).toBe(false);
    expect(after.kinds.security.email).toBe(true);
    expect(after.digest).toBe('daily');
    const list = await api.notifications.list.query({ limit: 20 });
    expect(list.items.some((g) => g.kind === 'likes')).toBe(false);
    expect(await api.notifications.unreadCount.query()).toEqual({ unread: 1 });
  });

  it('subscribes this browser once, lists it, and unsubscribes it by its endpoint; push off refuses', async () => {
    resetMockDb({ signedInAs: 'ana' });
    expect(await api.push.status.query()).toEqual({ available: true, publicKey: MOCK_VAPID_PUBLIC_KEY });
    const sub = { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', expirationTime: null, keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) } };
    await api.push.subscribe.mutate(sub);
    await api.push.subscribe.mutate(sub);
    expect((await api.push.devices.query()).items).toMatchObject([{ current: true }]);
    expect(await api.push.unsubscribe.mutate({ endpoint: sub.endpoint })).toEqual({ removed: true });
    expect(await codeOf(api.push.unsubscribe.mutate({ endpoint: sub.endpoint }))).toBe('NOT_FOUND');
    notificationsMock.setPushAvailable(false);
    expect(await api.push.status.query()).toEqual({ available: false, publicKey: null });
    expect(await codeOf(api.push.subscribe.mutate(sub))).toBe('BAD_REQUEST');
  });

  it('removes another browser of mine by its id; an unknown id is NOT_FOUND, a malformed one BAD_REQUEST', async () => {
    resetMockDb({ signedInAs: 'ana' });
    notificationsMock.addDevice('ana');
    notificationsMock.addDevice('ana', { browser: 'Safari 18', os: 'iOS 18', device: 'mobile' });
    notificationsMock.addDevice('ines');
    const [firefox, safari] = (await api.push.devices.query()).items;
    const ines = notificationsMock.devicesOf('ines')[0]?.id ?? '';
    expect(await codeOf(api.push.remove.mutate({ id: ines }))).toBe('NOT_FOUND');
    expect(await codeOf(api.push.remove.mutate({ id: crypto.randomUUID() }))).toBe('NOT_FOUND');
    expect(await codeOf(api.push.remove.mutate({ id: 'nope' }))).toBe('BAD_REQUEST');
    expect(notificationsMock.devicesOf('ines')).toHaveLength(1);
    expect(await api.push.remove.mutate({ id: firefox?.id ?? '' })).toEqual({ removed: true });
    expect((await api.push.devices.query()).items).toEqual([safari]);
  });

  it('refuses everything but push.status signed out', async () => {
    resetMockDb();
    expect(await codeOf(api.notifications.unreadCount.query())).toBe('UNAUTHORIZED');
    expect(await codeOf(api.push.devices.query())).toBe('UNAUTHORIZED');
    expect(await codeOf(api.push.remove.mutate({ id: crypto.randomUUID() }))).toBe('UNAUTHORIZED');
  });
});
