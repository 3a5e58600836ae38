import { Session, User, type UserRole } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_REVOKED_CHANNEL, type SessionRevokedMessage } from '../auth/session.service.ts';
import { createHarness, PASSWORD, trpcError, type Harness } from '../test/harness.ts';

let h: Harness;
type Account = Awaited<ReturnType<Harness['signUp']>>;
let admin: Account;
let mod: Account;
let bob: Account;
let cat: Account;

const setRole = async (id: string, role: UserRole) => {
  await h.db.fork().nativeUpdate(User, { id }, { role });
  await h.usersChanged(id);
};
const api = (a: Account) => h.caller({ token: a.token });

beforeAll(async () => {
  h = await createHarness();
  [admin, mod, bob, cat] = [await h.signUp('ada'), await h.signUp('moe'), await h.signUp('bob'), await h.signUp('cat')];
  await setRole(admin.user.id, 'admin');
  await setRole(mod.user.id, 'moderator');
});
afterAll(() => h.close());

describe('admin.users.list', () => {
  it('lists users by username for moderators and admins, with their state', async () => {
    const page = await (await api(mod)).admin.users.list({});
    expect(page.items.map((u) => u.username)).toEqual(['ada', 'bob', 'cat', 'moe']);
    expect(page.items[1]).toEqual({
      id: bob.user.id,
      username: 'bob',
      email: 'bob@example.com',
      displayName: null,
      role: 'user',
      createdAt: expect.any(String),
      emailVerified: false,
      twoFactorEnabled: false,
      locked: false,
    });
    expect(page.nextCursor).toBeNull();
  });

  it('filters by text and role, pages with a cursor', async () => {
    const a = await api(admin);
    expect((await a.admin.users.list({ query: 'CAT@EXAMPLE' })).items.map((u) => u.username)).toEqual(['cat']);
    expect((await a.admin.users.list({ role: 'moderator' })).items.map((u) => u.username)).toEqual(['moe']);
    // LIKE wildcards are searched for literally.
    expect((await a.admin.users.list({ query: '%' })).items).toEqual([]);
    expect((await a.admin.users.list({ query: '_' })).items).toEqual([]);
    const first = await a.admin.users.list({ limit: 3 });
    expect(first.items.map((u) => u.username)).toEqual(['ada', 'bob', 'cat']);
    const second = await a.admin.users.list({ limit: 3, cursor: first.nextCursor ?? '' });
    expect(second).toMatchObject({ items: [{ username: 'moe' }], nextCursor: null });
    expect((await trpcError(() => a.admin.users.list({ cursor: 'not a cursor!' }))).code).toBe('BAD_REQUEST');
    const nul = await trpcError(() => a.admin.users.list({ query: 'a\u0000b' }));
    expect(nul.code).toBe('BAD_REQUEST');
    expect(nul.message).toContain('Search cannot contain control characters.');
  });

  it('is refused to ordinary users and to anonymous callers', async () => {
    expect((await trpcError(async () => (await api(bob)).admin.users.list({}))).code).toBe('FORBIDDEN');
    expect((await trpcError(async () => (await h.caller()).admin.users.list({}))).code).toBe('UNAUTHORIZED');
  });
});

describe('admin.users.setRole', () => {
  it('changes a role at once (the next request has it) and audits from/to', async () => {
    const dto = await (await api(admin)).admin.users.setRole({ userId: cat.user.id, role: 'moderator' });
    expect(dto).toMatchObject({ username: 'cat', role: 'moderator' });
    // Same access token, new powers.
    expect((await (await api(cat)).admin.users.list({})).items.length).toBeGreaterThan(0);
    await (await api(admin)).admin.users.setRole({ userId: cat.user.id, role: 'user' });
    expect((await trpcError(async () => (await api(cat)).admin.users.list({}))).code).toBe('FORBIDDEN');

    const audit = await (await api(admin)).admin.audit.list({ types: ['role.changed'], userId: cat.user.id });
    expect(audit.items.map((e) => e.details)).toEqual([
      { from: 'moderator', to: 'user' },
      { from: 'user', to: 'moderator' },
    ]);
    expect(audit.items[0]).toMatchObject({ actor: { id: admin.user.id, username: 'ada' }, subject: { id: cat.user.id, username: 'cat' } });
  });

  it('is for admins only, needs a recent sign-in, and an admin cannot demote themself', async () => {
    const err = await trpcError(async () => (await api(mod)).admin.users.setRole({ userId: bob.user.id, role: 'admin' }));
    expect(err.code).toBe('FORBIDDEN');
    const self = await trpcError(async () => (await api(admin)).admin.users.setRole({ userId: admin.user.id, role: 'user' }));
    expect(self).toMatchObject({ code: 'FORBIDDEN', message: 'You cannot remove your own admin role. Ask another admin.' });
    expect((await trpcError(async () => (await api(admin)).admin.users.setRole({ userId: crypto.randomUUID(), role: 'user' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(async () => (await api(admin)).admin.users.setRole({ userId: bob.user.id, role: 'god' as UserRole }))).code).toBe('BAD_REQUEST');

    // Not elevated any more: step-up required, nothing changed.
    await h.db.fork().nativeUpdate(Session, { user: admin.user.id }, { elevatedUntil: new Date(Date.now() - 1000) });
    await h.usersChanged(admin.user.id);
    const stale = await trpcError(async () => (await api(admin)).admin.users.setRole({ userId: bob.user.id, role: 'creator' }));
    expect(stale).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'step_up_required' } });
    expect((await (await api(admin)).admin.users.list({ query: 'bob' })).items[0]?.role).toBe('user');
    await h.db.fork().nativeUpdate(Session, { user: admin.user.id }, { elevatedUntil: new Date(Date.now() + 600_000) });
    await h.usersChanged(admin.user.id);
  });
});

describe('admin.users.setLocked', () => {
  it('locking ends every session of the user at once and refuses sign-in; unlocking restores it', async () => {
    const revoked: string[] = [];
    const off = await h.deps.bus.subscribe(SESSION_REVOKED_CHANNEL, (m) => revoked.push(...(m as SessionRevokedMessage).sessionIds));
    const second = await (await h.caller({ ip: '192.0.2.44' })).auth.login({ login: 'bob', password: PASSWORD });
    expect(second.status).toBe('signed_in');

    expect(await (await api(mod)).admin.users.setLocked({ userId: bob.user.id, locked: true })).toMatchObject({ username: 'bob', locked: true });
    expect((await trpcError(async () => (await api(bob)).auth.me())).code).toBe('UNAUTHORIZED');
    expect(revoked).toHaveLength(2);
    const refused = await trpcError(async () => (await h.caller({ ip: '192.0.2.45' })).auth.login({ login: 'bob', password: PASSWORD }));
    expect(refused).toMatchObject({ code: 'UNAUTHORIZED', message: 'Incorrect email, username or password.' });

    expect(await (await api(mod)).admin.users.setLocked({ userId: bob.user.id, locked: false })).toMatchObject({ locked: false });
    const back = await (await h.caller({ ip: '192.0.2.46' })).auth.login({ login: 'bob', password: PASSWORD });
    expect(back.status).toBe('signed_in');
    if (back.status === 'signed_in') bob = { ...bob, token: back.accessToken };

    const audit = await (await api(admin)).admin.audit.list({ types: ['account.locked', 'account.unlocked'] });
    expect(audit.items.map((e) => [e.type, e.actor?.username, e.subject?.username])).toEqual([
      ['account.unlocked', 'moe', 'bob'],
      ['account.locked', 'moe', 'bob'],
    ]);
    await off();
  });

  it('moderators cannot lock moderators or admins; nobody can lock themself; users cannot lock anyone', async () => {
    expect((await trpcError(async () => (await api(mod)).admin.users.setLocked({ userId: admin.user.id, locked: true }))).code).toBe('FORBIDDEN');
    expect((await trpcError(async () => (await api(mod)).admin.users.setLocked({ userId: mod.user.id, locked: true }))).code).toBe('FORBIDDEN');
    expect((await trpcError(async () => (await api(admin)).admin.users.setLocked({ userId: admin.user.id, locked: true }))).code).toBe('FORBIDDEN');
    expect((await trpcError(async () => (await api(bob)).admin.users.setLocked({ userId: cat.user.id, locked: true }))).code).toBe('FORBIDDEN');
    expect((await (await api(admin)).admin.users.list({ query: 'ada' })).items[0]?.locked).toBe(false);
  });
});

describe('admin.audit.list', () => {
  it('is for admins only', async () => {
    expect((await trpcError(async () => (await api(mod)).admin.audit.list({}))).code).toBe('FORBIDDEN');
    expect((await trpcError(async () => (await h.caller()).admin.audit.list({}))).code).toBe('UNAUTHORIZED');
  });

  it('filters by type, user, address and time, newest first, and pages', async () => {
    const a = await api(admin);
    const created = await a.admin.audit.list({ types: ['account.created'] });
    expect(created.items.map((e) => e.subject?.username)).toEqual(['cat', 'bob', 'moe', 'ada']);
    expect(created.items[0]).toMatchObject({ type: 'account.created', ip: expect.any(String), userAgent: 'vitest', createdAt: expect.any(String) });

    const page1 = await a.admin.audit.list({ types: ['account.created'], limit: 3 });
    const page2 = await a.admin.audit.list({ types: ['account.created'], limit: 3, cursor: page1.nextCursor ?? '' });
    expect([...page1.items, ...page2.items].map((e) => e.id)).toEqual(created.items.map((e) => e.id));
    expect(page2.nextCursor).toBeNull();
    // Nineteen digits beyond the bigint range: refused, not sent to the database.
    const overflow = Buffer.from('9999999999999999999').toString('base64url');
    expect((await trpcError(() => a.admin.audit.list({ cursor: overflow }))).code).toBe('BAD_REQUEST');
    for (const since of ['0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '9999-12-31T23:59:59-01:00']) {
      expect((await trpcError(() => a.admin.audit.list({ since }))).code).toBe('BAD_REQUEST');
    }

    const ip = created.items[0]?.ip ?? '';
    expect((await a.admin.audit.list({ ip })).items.every((e) => e.ip === ip)).toBe(true);
    expect((await a.admin.audit.list({ since: new Date(Date.now() + 60_000).toISOString() })).items).toEqual([]);
    expect((await a.admin.audit.list({ until: new Date(0).toISOString() })).items).toEqual([]);
    expect((await trpcError(() => a.admin.audit.list({ types: ['nope' as 'logout'] }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(() => a.admin.audit.list({ since: 'yesterday' }))).code).toBe('BAD_REQUEST');
  });
});
