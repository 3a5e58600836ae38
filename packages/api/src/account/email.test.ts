import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRepository, EmailToken } from '@veza/db';
import { SmtpMailer } from '../mail/smtp-mailer.ts';
import { createHarness, PASSWORD, trpcError } from '../test/harness.ts';
import { linkIn, tokenIn } from '../test/smtp.ts';
import { createAccountKit, type AccountKit } from './test-kit.ts';

let kit: AccountKit;
beforeAll(async () => {
  kit = await createAccountKit();
});
afterAll(() => kit.close());

/** A fresh caller (and EntityManager) for each call, as each HTTP request gets. */
const as = (u: { token: string }) => kit.h.caller({ token: u.token });
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('email verification', () => {
  it('sign-up mails a verification link to the web app; opening it verifies the address once', async () => {
    const ana = await kit.h.signUp('ana');
    const mail = await kit.smtp.waitForMail('ana@example.com');
    expect(mail.subject).toBe('Confirm your email address');
    const link = linkIn(mail);
    expect(`${link.origin}${link.pathname}`).toBe('https://veza.test/verify-email');
    expect(mail.html).toContain('href="https://veza.test/verify-email?token=');

    const token = tokenIn(mail);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Stored hashed only.
    const [row] = await kit.tokensOf(ana.user.id);
    expect(row).toMatchObject({ purpose: 'verify_email', tokenHash: sha256(token), usedAt: null });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(48 * 3600_000);

    expect(await (await as(ana)).auth.me()).toMatchObject({ emailVerified: false });
    const anon = await kit.h.caller();
    expect(await anon.account.verifyEmail({ token })).toEqual({ email: 'ana@example.com' });
    expect(await (await as(ana)).auth.me()).toMatchObject({ emailVerified: true });

    const again = await trpcError(() => anon.account.verifyEmail({ token }));
    expect(again.code).toBe('BAD_REQUEST');
    expect(again.message).toMatch(/already used/);
    const events = await auditRepository(kit.h.db.fork()).list({ userId: ana.user.id, types: ['email.verified'], limit: 5 });
    expect(events).toHaveLength(1);
  });

  it('sign-up mails in the language the client passes', async () => {
    await (await kit.h.caller({ ip: '203.0.113.20' })).auth.register({ email: 'zoe@example.com', username: 'zoe', password: PASSWORD, language: 'fr-FR' });
    const mail = await kit.smtp.waitForMail('zoe@example.com');
    expect(mail.subject).toBe('Confirmez votre adresse e-mail');
    expect(mail.html).toContain('lang="fr"');
  });

  it('sign-up succeeds even when the mail cannot be sent', async () => {
    const broken = await createHarness({ mailer: () => new SmtpMailer('smtp://127.0.0.1:1', 'no-reply@veza.test') });
    try {
      const res = await (await broken.caller()).auth.register({ email: 'kim@example.com', username: 'kim', password: PASSWORD });
      expect(res.user.username).toBe('kim');
      expect(await (await broken.caller({ token: res.accessToken })).auth.me()).toMatchObject({ emailVerified: false });
    } finally {
      await broken.close();
    }
  });

  it('sendVerification sends a fresh link (in French when asked) and voids the previous one; refuses once verified', async () => {
    const bob = await kit.h.signUp('bob');
    const first = tokenIn(await kit.smtp.waitForMail('bob@example.com'));
    expect(await (await as(bob)).account.sendVerification({ language: 'fr' })).toEqual({ ok: true });
    const mail = await kit.smtp.waitForMail('bob@example.com');
    expect(mail.subject).toBe('Confirmez votre adresse e-mail');
    expect(mail.text).toContain('Bonjour bob');
    const second = tokenIn(mail);
    const anon = await kit.h.caller();
    const stale = await trpcError(() => anon.account.verifyEmail({ token: first }));
    expect(stale.message).toMatch(/not valid/);
    await anon.account.verifyEmail({ token: second });
    const done = await trpcError(async () => (await as(bob)).account.sendVerification());
    expect(done.code).toBe('BAD_REQUEST');
    expect(done.message).toBe('Your email address is already confirmed.');
  });

  it('is rate-limited per account', async () => {
    const cid = await kit.h.signUp('cid');
    await kit.smtp.waitForMail('cid@example.com');
    for (let i = 0; i < 5; i++) await (await as(cid)).account.sendVerification();
    const err = await trpcError(async () => (await as(cid)).account.sendVerification());
    expect(err.code).toBe('TOO_MANY_REQUESTS');
    expect(kit.smtp.mailsTo('cid@example.com')).toHaveLength(6);
  });

  it('refuses tampered, malformed, expired and wrong-purpose tokens', async () => {
    const dee = await kit.h.signUp('dee');
    const token = tokenIn(await kit.smtp.waitForMail('dee@example.com'));
    const anon = await kit.h.caller();
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await trpcError(() => anon.account.verifyEmail({ token: tampered }))).message).toMatch(/not valid/);
    for (const bad of ['', 'x', 'a'.repeat(44), `${token.slice(0, 42)}!`, 'a'.repeat(10_000)]) {
      expect((await trpcError(() => anon.account.verifyEmail({ token: bad }))).code).toBe('BAD_REQUEST');
    }
    // A password-reset token cannot verify an address.
    await anon.account.requestPasswordReset({ email: 'dee@example.com' });
    const reset = tokenIn(await kit.smtp.waitForMail('dee@example.com'));
    expect((await trpcError(() => anon.account.verifyEmail({ token: reset }))).message).toMatch(/not valid/);
    // Nor can a verification token reset a password.
    expect((await trpcError(() => anon.account.resetPassword({ token, password: 'a brand new password' }))).message).toMatch(/not valid/);

    await kit.h.db.fork().nativeUpdate(EmailToken, { user: dee.user.id, purpose: 'verify_email' }, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await trpcError(() => anon.account.verifyEmail({ token }));
    expect(expired.message).toMatch(/expired/);
    expect(await (await as(dee)).auth.me()).toMatchObject({ emailVerified: false });
  });

  it('a token is single-use even under concurrent use', async () => {
    await kit.h.signUp('eve');
    const token = tokenIn(await kit.smtp.waitForMail('eve@example.com'));
    const anon = await kit.h.caller();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => anon.account.verifyEmail({ token })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});

describe('account.changeEmail', () => {
  it('needs a recent sign-in (step_up_required) and changes nothing without it', async () => {
    const fay = await kit.h.signUp('fay');
    await kit.smtp.waitForMail('fay@example.com');
    await kit.expireStepUp(fay.user.id);
    const err = await trpcError(async () => (await as(fay)).account.changeEmail({ email: 'fay2@example.com' }));
    expect(err.code).toBe('FORBIDDEN');
    expect((err as { cause?: { reason?: string } }).cause?.reason).toBe('step_up_required');
    expect(await kit.tokensOf(fay.user.id)).toHaveLength(1);
    expect(kit.smtp.mailsTo('fay2@example.com')).toHaveLength(0);
    const anon = await kit.h.caller();
    expect((await trpcError(() => anon.account.changeEmail({ email: 'x@example.com' }))).code).toBe('UNAUTHORIZED');
  });

  it('mails the new address a link and the old one a notice; the change applies when the link is opened', async () => {
    const gus = await kit.h.signUp('gus');
    await kit.smtp.waitForMail('gus@example.com');
    expect(await (await as(gus)).account.changeEmail({ email: 'Gus.New@Example.com', language: 'fr' })).toEqual({ pendingEmail: 'gus.new@example.com' });
    const notice = await kit.smtp.waitForMail('gus@example.com');
    expect(notice.subject).toBe('Changement d’adresse e-mail demandé');
    expect(notice.text).toContain('gus.new@example.com');
    const mail = await kit.smtp.waitForMail('gus.new@example.com');
    expect(mail.subject).toBe('Confirmez votre nouvelle adresse e-mail');
    const token = tokenIn(mail);
    const row = (await kit.tokensOf(gus.user.id)).find((t) => t.purpose === 'change_email');
    expect(row?.expiresAt.getTime()).toBe(row!.createdAt.getTime() + 24 * 3600_000);
    expect(row?.tokenHash).toBe(sha256(token));

    // Not applied yet.
    expect(await (await as(gus)).auth.me()).toMatchObject({ email: 'gus@example.com', emailVerified: false });
    expect(await (await kit.h.caller()).account.verifyEmail({ token })).toEqual({ email: 'gus.new@example.com' });
    expect(await (await as(gus)).auth.me()).toMatchObject({ email: 'gus.new@example.com', emailVerified: true });
    // Signs in with the new address; the old one is free again.
    expect(await (await kit.h.caller()).auth.login({ login: 'gus.new@example.com', password: PASSWORD })).toMatchObject({ status: 'signed_in' });
    const types = (await auditRepository(kit.h.db.fork()).list({ userId: gus.user.id, limit: 20 })).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['email.change_requested', 'email.changed']));
  });

  it('refuses the current address, an address in use, and bad input', async () => {
    const hal = await kit.h.signUp('hal');
    await kit.smtp.waitForMail('hal@example.com');
    const same = await trpcError(async () => (await as(hal)).account.changeEmail({ email: 'HAL@example.com' }));
    expect(same.code).toBe('BAD_REQUEST');
    const taken = await trpcError(async () => (await as(hal)).account.changeEmail({ email: 'ana@example.com' }));
    expect(taken.code).toBe('CONFLICT');
    expect(taken.cause?.fieldErrors).toEqual({ email: ['An account with this email already exists.'] });
    const bad = await trpcError(async () => (await as(hal)).account.changeEmail({ email: 'not an email' }));
    expect(bad.code).toBe('BAD_REQUEST');
    const long = await trpcError(async () => (await as(hal)).account.changeEmail({ email: `${'a'.repeat(250)}@example.com` }));
    expect(long.code).toBe('BAD_REQUEST');
    expect(kit.smtp.mailsTo('ana@example.com').some((m) => m.subject.includes('new email'))).toBe(false);
  });

  it('answers CONFLICT when the address was taken between the request and the link', async () => {
    const ida = await kit.h.signUp('ida');
    await kit.smtp.waitForMail('ida@example.com');
    await (await as(ida)).account.changeEmail({ email: 'race@example.com' });
    const token = tokenIn(await kit.smtp.waitForMail('race@example.com'));
    await (await kit.h.caller({ ip: '203.0.113.9' })).auth.register({ email: 'race@example.com', username: 'racer', password: PASSWORD });
    const err = await trpcError(async () => (await kit.h.caller()).account.verifyEmail({ token }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/Another account already uses this email address/);
    expect(await (await as(ida)).auth.me()).toMatchObject({ email: 'ida@example.com' });
    // Nothing was consumed: the same answer again.
    expect((await trpcError(async () => (await kit.h.caller()).account.verifyEmail({ token }))).code).toBe('CONFLICT');
  });
});
