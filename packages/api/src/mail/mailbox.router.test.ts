import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '@veza/db';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import { startTestSmtp } from '../test/smtp.ts';
import { SmtpMailer } from './smtp-mailer.ts';

let h: Harness;
let admin: { token: string };
let user: { token: string };
beforeAll(async () => {
  h = await createHarness();
  const boss = await h.signUp('boss');
  await h.db.fork().nativeUpdate(User, { id: boss.user.id }, { role: 'admin' });
  await h.usersChanged(boss.user.id);
  admin = boss;
  user = await h.signUp('ana');
});
afterAll(() => h.close());

describe('devMailbox.list', () => {
  it('shows admins the mails kept by the dev mailbox, newest first, filtered by recipient', async () => {
    const api = await h.caller({ token: admin.token });
    const all = await api.devMailbox.list();
    expect(all.enabled).toBe(true);
    expect(all.items.map((m) => m.to)).toEqual(['ana@example.com', 'boss@example.com']);
    expect(all.items[0]).toMatchObject({ subject: 'Confirm your email address', text: expect.stringContaining('/verify-email?token='), html: expect.stringContaining('<a href=') });
    expect(new Date(all.items[0]!.createdAt).toISOString()).toBe(all.items[0]!.createdAt);
    const ana = await api.devMailbox.list({ to: 'ANA@example.com' });
    expect(ana.items.map((m) => m.to)).toEqual(['ana@example.com']);
    expect(ana.nextCursor).toBeNull();
  });

  it('pages with a cursor', async () => {
    for (let i = 0; i < 55; i++) await h.deps.mailer.send({ to: 'bulk@example.com', subject: `n${i}`, text: 't' });
    const api = await h.caller({ token: admin.token });
    const first = await api.devMailbox.list({ to: 'bulk@example.com' });
    expect(first.items).toHaveLength(50);
    expect(first.items[0]?.subject).toBe('n54');
    const second = await api.devMailbox.list({ to: 'bulk@example.com', cursor: first.nextCursor! });
    expect(second.items.map((m) => m.subject)).toEqual(['n4', 'n3', 'n2', 'n1', 'n0']);
    expect(second.nextCursor).toBeNull();
    expect((await trpcError(() => api.devMailbox.list({ cursor: 'not-a-cursor' }))).code).toBe('BAD_REQUEST');
  });

  it('is for admins only', async () => {
    expect((await trpcError(async () => (await h.caller()).devMailbox.list())).code).toBe('UNAUTHORIZED');
    expect((await trpcError(async () => (await h.caller({ token: user.token })).devMailbox.list())).code).toBe('FORBIDDEN');
  });
});

describe('devMailbox.list with SMTP', () => {
  it('is disabled and empty', async () => {
    const smtp = await startTestSmtp();
    const hs = await createHarness({ mailer: () => new SmtpMailer(smtp.url, 'no-reply@veza.test') });
    try {
      const boss = await hs.signUp('boss');
      await hs.db.fork().nativeUpdate(User, { id: boss.user.id }, { role: 'admin' });
      await hs.usersChanged(boss.user.id);
      await smtp.waitForMail('boss@example.com');
      expect(await (await hs.caller({ token: boss.token })).devMailbox.list()).toEqual({ enabled: false, items: [], nextCursor: null });
    } finally {
      await hs.close();
      await smtp.close();
    }
  });
});
