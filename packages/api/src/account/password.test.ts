import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRepository, EmailToken, oauthRepository, sessionsRepository } from '@veza/db';
import { SESSION_REVOKED_CHANNEL, type SessionRevokedMessage } from '../auth/session.service.ts';
import { PASSWORD, trpcError } from '../test/harness.ts';
import { linkIn, tokenIn } from '../test/smtp.ts';
import { settleBackgroundWork } from './background.ts';
import { createAccountKit, type AccountKit } from './test-kit.ts';

let kit: AccountKit;
beforeAll(async () => {
  kit = await createAccountKit();
});
afterAll(() => kit.close());

const as = (u: { token: string }) => kit.h.caller({ token: u.token });
const anon = () => kit.h.caller();
const NEW_PASSWORD = 'a completely new passphrase';

async function signUp(name: string) {
  const user = await kit.h.signUp(name);
  await kit.smtp.waitForMail(`${name}@example.com`); // the verification mail
  return user;
}

/** Another signed-in session of the same user. */
async function signInAgain(login: string, password = PASSWORD) {
  const res = await (await anon()).auth.login({ login, password });
  if (res.status !== 'signed_in') throw new Error('expected a session');
  return { token: res.accessToken };
}

describe('password reset', () => {
  it('mails a one-hour single-use link; the new password works, the old does not, every session ends', async () => {
    const ana = await signUp('ana');
    const other = await signInAgain('ana');
    const revokedAnnounced: string[] = [];
    const off = await kit.h.deps.bus.subscribe(SESSION_REVOKED_CHANNEL, (m) => void revokedAnnounced.push(...(m as SessionRevokedMessage).sessionIds));

    expect(await (await anon()).account.requestPasswordReset({ email: 'ANA@example.com', language: 'fr' })).toEqual({ ok: true });
    const mail = await kit.smtp.waitForMail('ana@example.com');
    expect(mail.subject).toBe('Réinitialisez votre mot de passe');
    const link = linkIn(mail);
    expect(`${link.origin}${link.pathname}`).toBe('https://veza.test/reset-password');
    const token = tokenIn(mail);
    const row = (await kit.tokensOf(ana.user.id)).find((t) => t.purpose === 'reset_password')!;
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(3600_000);

    expect(await (await anon()).account.resetPassword({ token, password: NEW_PASSWORD })).toEqual({ ok: true });
    // Every session is gone, this user's two included.
    expect((await trpcError(async () => (await as(ana)).auth.me())).code).toBe('UNAUTHORIZED');
    expect((await trpcError(async () => (await as(other)).auth.me())).code).toBe('UNAUTHORIZED');
    expect(await sessionsRepository(kit.h.db.fork()).listLive(ana.user.id, new Date())).toHaveLength(0);
    expect(revokedAnnounced).toHaveLength(2);
    await off();

    expect((await trpcError(async () => (await anon()).auth.login({ login: 'ana', password: PASSWORD }))).code).toBe('UNAUTHORIZED');
    expect(await (await anon()).auth.login({ login: 'ana', password: NEW_PASSWORD })).toMatchObject({ status: 'signed_in' });
    const notice = await kit.smtp.waitForMail('ana@example.com');
    expect(notice.subject).toBe('Your password was changed');

    const again = await trpcError(async () => (await anon()).account.resetPassword({ token, password: 'yet another passphrase' }));
    expect(again.code).toBe('BAD_REQUEST');
    expect(again.message).toMatch(/already used/);
    const types = (await auditRepository(kit.h.db.fork()).list({ userId: ana.user.id, limit: 50 })).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['password.reset_requested', 'password.reset']));
  });

  it('drops provider links that never vouched for the email of an account that was never verified (pre-hijacking)', async () => {
    // Someone signed up through a provider that does not verify emails, with the real owner's address.
    const now = new Date();
    const repo = oauthRepository(kit.h.db.fork());
    const victim = await repo.createUser(
      { id: crypto.randomUUID(), email: 'vic@example.com', username: 'vic', usernameSkeleton: 'vlc', displayName: null, emailVerifiedAt: null },
      { provider: 'spotify', providerUserId: 'attacker-1', email: 'vic@example.com', emailVerified: false, displayName: null },
      now,
    );
    await repo.link(victim.id, { provider: 'google', providerUserId: 'g-1', email: 'vic@example.com', emailVerified: true, displayName: null }, now);

    // The real owner takes the account back through the mailbox.
    await (await anon()).account.requestPasswordReset({ email: 'vic@example.com' });
    const token = tokenIn(await kit.smtp.waitForMail('vic@example.com'));
    await (await anon()).account.resetPassword({ token, password: NEW_PASSWORD });

    const links = await oauthRepository(kit.h.db.fork()).listFor(victim.id);
    expect(links.map((l) => l.provider)).toEqual(['google']);
    const events = await auditRepository(kit.h.db.fork()).list({ types: ['oauth.unlinked'], userId: victim.id, limit: 10 });
    expect(events.map((e) => e.details)).toEqual([{ provider: 'spotify', reason: 'unverified_email_on_reset' }]);
  });

  it('answers the same for an unknown address, and sends nothing', async () => {
    const api = await anon();
    const t0 = performance.now();
    expect(await api.account.requestPasswordReset({ email: 'nobody@example.com' })).toEqual({ ok: true });
    const unknownMs = performance.now() - t0;
    await signUp('bob');
    const t1 = performance.now();
    expect(await api.account.requestPasswordReset({ email: 'bob@example.com' })).toEqual({ ok: true });
    const knownMs = performance.now() - t1;
    await settleBackgroundWork();
    await kit.smtp.waitForMail('bob@example.com');
    expect(kit.smtp.mailsTo('nobody@example.com')).toHaveLength(0);
    // Neither answer waits for the lookup, the token or the mail.
    expect(Math.abs(knownMs - unknownMs)).toBeLessThan(150);
    const unknown = await auditRepository(kit.h.db.fork()).list({ types: ['password.reset_requested'], limit: 50 });
    expect(unknown.some((e) => e.subjectId === null && e.details?.account === 'unknown')).toBe(true);
  });

  it('only the latest link works', async () => {
    await signUp('cid');
    await (await anon()).account.requestPasswordReset({ email: 'cid@example.com' });
    const first = tokenIn(await kit.smtp.waitForMail('cid@example.com'));
    await (await anon()).account.requestPasswordReset({ email: 'cid@example.com' });
    const second = tokenIn(await kit.smtp.waitForMail('cid@example.com'));
    expect((await trpcError(async () => (await anon()).account.resetPassword({ token: first, password: NEW_PASSWORD }))).message).toMatch(/not valid/);
    expect(await (await anon()).account.resetPassword({ token: second, password: NEW_PASSWORD })).toEqual({ ok: true });
  });

  it('refuses expired, tampered and malformed tokens and weak passwords, changing nothing', async () => {
    const dee = await signUp('dee');
    await (await anon()).account.requestPasswordReset({ email: 'dee@example.com' });
    const token = tokenIn(await kit.smtp.waitForMail('dee@example.com'));
    const api = await anon();
    const weak = await trpcError(() => api.account.resetPassword({ token, password: 'short' }));
    expect(weak.code).toBe('BAD_REQUEST');
    expect(weak.message).toMatch(/at least 8/);
    const long = await trpcError(() => api.account.resetPassword({ token, password: 'x'.repeat(129) }));
    expect(long.code).toBe('BAD_REQUEST');
    const tampered = `${token.slice(0, 10)}${token[10] === 'a' ? 'b' : 'a'}${token.slice(11)}`;
    expect((await trpcError(() => api.account.resetPassword({ token: tampered, password: NEW_PASSWORD }))).message).toMatch(/not valid/);
    await kit.h.db.fork().nativeUpdate(EmailToken, { user: dee.user.id, purpose: 'reset_password' }, { expiresAt: new Date(Date.now() - 1) });
    expect((await trpcError(() => api.account.resetPassword({ token, password: NEW_PASSWORD }))).message).toMatch(/expired/);
    // Still signed in, old password still valid.
    expect(await (await as(dee)).auth.me()).toMatchObject({ username: 'dee' });
    expect(await (await anon()).auth.login({ login: 'dee', password: PASSWORD })).toMatchObject({ status: 'signed_in' });
  });

  it('is rate-limited per address (known or not) and per IP', async () => {
    const api = await anon();
    for (let i = 0; i < 3; i++) await api.account.requestPasswordReset({ email: 'limit@example.com' });
    const err = await trpcError(() => api.account.requestPasswordReset({ email: 'limit@example.com' }));
    expect(err.code).toBe('TOO_MANY_REQUESTS');
    const fromIp = await kit.h.caller({ ip: '192.0.2.77' });
    let limited = false;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await fromIp.account.requestPasswordReset({ email: `x${i}@example.com` }).catch((e: { code?: string }) => e);
      limited = (res as { code?: string }).code === 'TOO_MANY_REQUESTS';
    }
    expect(limited).toBe(true);
  });

  it('refuses bad input', async () => {
    const api = await anon();
    for (const email of ['', 'nope', `${'a'.repeat(300)}@x.co`]) {
      expect((await trpcError(() => api.account.requestPasswordReset({ email }))).code).toBe('BAD_REQUEST');
    }
  });
});

describe('account.changePassword', () => {
  it('needs a step-up, then changes the password, keeps this session and ends the others', async () => {
    const eve = await signUp('eve');
    const other = await signInAgain('eve');
    await kit.expireStepUp(eve.user.id);
    const denied = await trpcError(async () => (await as(eve)).account.changePassword({ newPassword: NEW_PASSWORD }));
    expect(denied.code).toBe('FORBIDDEN');
    expect((denied as { cause?: { reason?: string } }).cause?.reason).toBe('step_up_required');
    expect(await (await anon()).auth.login({ login: 'eve', password: PASSWORD })).toMatchObject({ status: 'signed_in' });

    const fresh = await signInAgain('eve');
    expect(await (await as(fresh)).account.changePassword({ newPassword: NEW_PASSWORD, language: 'fr' })).toEqual({ ok: true });
    expect(await (await as(fresh)).auth.me()).toMatchObject({ username: 'eve', hasPassword: true });
    expect((await trpcError(async () => (await as(other)).auth.me())).code).toBe('UNAUTHORIZED');
    expect((await trpcError(async () => (await as(eve)).auth.me())).code).toBe('UNAUTHORIZED');
    expect(await (await anon()).auth.login({ login: 'eve', password: NEW_PASSWORD })).toMatchObject({ status: 'signed_in' });
    const notice = await kit.smtp.waitForMail('eve@example.com');
    expect(notice.subject).toBe('Votre mot de passe a été modifié');
    const events = await auditRepository(kit.h.db.fork()).list({ userId: eve.user.id, types: ['password.changed'], limit: 5 });
    expect(events[0]?.details).toMatchObject({ firstPassword: false, revokedSessions: 3 });
  });

  it('sets a first password for an account without one', async () => {
    const fay = await signUp('fay');
    await kit.h.db.fork().getConnection().execute(`update users set password_hash = null where id = '${fay.user.id}'`);
    expect(await (await as(fay)).auth.me()).toMatchObject({ hasPassword: false });
    await (await as(fay)).account.changePassword({ newPassword: NEW_PASSWORD });
    expect(await (await as(fay)).auth.me()).toMatchObject({ hasPassword: true });
    const events = await auditRepository(kit.h.db.fork()).list({ userId: fay.user.id, types: ['password.changed'], limit: 5 });
    expect(events[0]?.details).toMatchObject({ firstPassword: true });
  });

  it('refuses anonymous callers and weak passwords', async () => {
    expect((await trpcError(async () => (await anon()).account.changePassword({ newPassword: NEW_PASSWORD }))).code).toBe('UNAUTHORIZED');
    const gus = await signUp('gus');
    expect((await trpcError(async () => (await as(gus)).account.changePassword({ newPassword: '1234' }))).code).toBe('BAD_REQUEST');
    expect(await (await anon()).auth.login({ login: 'gus', password: PASSWORD })).toMatchObject({ status: 'signed_in' });
  });
});
