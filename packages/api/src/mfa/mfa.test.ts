import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod';
import { AuthChallenge, auditRepository, mfaRepository, RecoveryCode, User, type AuditEventType } from '@veza/db';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../auth/cookies.ts';
import type { DomainError } from '../errors.ts';
import { createHarness, MemoryJar, PASSWORD, trpcError, type Harness } from '../test/harness.ts';
import { purgeExpiredChallenges } from './challenges.ts';
import { decryptSecret } from './crypto.ts';
import { MAX_TICKET_ATTEMPTS } from './mfa.service.ts';

let h: Harness;
beforeAll(async () => {
  // Only Date is faked: TOTP steps, ticket expiry and step-up windows move when the test says so.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Math.floor(Date.now() / 30_000) * 30_000 + 1_000);
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
  vi.useRealTimers();
});

const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);
const nextStep = () => advance(30_000);
const codeFor = (secret: string, offsetMs = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetMs });
/** What a person sees: tRPC's error formatter shows the first zod issue, a domain error its message. */
const humanMessage = (error: { message: string; cause?: unknown }) =>
  error.cause instanceof ZodError ? (error.cause.issues[0]?.message ?? '') : error.message;
const reasonOf = (error: { cause?: unknown }) => (error.cause as DomainError | undefined)?.reason;
const wrongCodeFor = (secret: string) => {
  const valid = new Set([-30_000, 0, 30_000].map((o) => codeFor(secret, o)));
  let code = '000000';
  for (let i = 0; valid.has(code); i++) code = String(i).padStart(6, '0');
  return code;
};

async function events(userId: string, types: AuditEventType[]) {
  return auditRepository(h.db.fork()).list({ userId, types, limit: 100 });
}

/** A signed-up user with TOTP on. */
async function enrolled(username: string) {
  const user = await h.signUp(username);
  const begin = await user.api.mfa.totp.begin();
  const { recoveryCodes } = await user.api.mfa.totp.confirm({ enrolmentId: begin.enrolmentId, code: codeFor(begin.secret) });
  return { ...user, secret: begin.secret, recoveryCodes };
}

async function ticketFor(username: string) {
  const res = await (await h.caller()).auth.login({ login: username, password: PASSWORD });
  if (res.status !== 'second_factor') throw new Error(`expected a second-factor step, got ${res.status}`);
  return res;
}

describe('TOTP enrolment', () => {
  it('begins with a secret, an otpauth URL and an SVG QR code; the pending secret is stored encrypted', async () => {
    const ana = await h.signUp('ana');
    const begin = await ana.api.mfa.totp.begin();
    expect(begin.secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(begin.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(begin.secret);
    expect(url.searchParams.get('issuer')).toBe('Veza');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Veza:ana');
    expect(begin.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<\/svg>\s*$/);

    const row = await h.db.fork().findOneOrFail(AuthChallenge, { id: begin.enrolmentId });
    expect(row.purpose).toBe('totp_enrol');
    expect(row.secret).not.toContain(begin.secret);
    expect(row.expiresAt.getTime() - Date.now()).toBe(10 * 60_000);
    expect(Buffer.from(decryptSecret(h.deps.security.encryptionKey, row.secret, `totp:${ana.user.id}`))).toEqual(Buffer.from(Secret.fromBase32(begin.secret).bytes));
    expect((await ana.api.mfa.status()).totpEnabled).toBe(false);
  });

  it('refuses a wrong code without turning TOTP on, then confirms with a right one and returns 10 recovery codes once', async () => {
    const bea = await h.signUp('bea');
    const begin = await bea.api.mfa.totp.begin();
    const wrong = await trpcError(() => bea.api.mfa.totp.confirm({ enrolmentId: begin.enrolmentId, code: wrongCodeFor(begin.secret) }));
    expect(wrong.code).toBe('BAD_REQUEST');
    expect(wrong.cause?.fieldErrors?.code?.[0]).toMatch(/not right/);
    expect((await bea.api.mfa.status()).totpEnabled).toBe(false);

    const { recoveryCodes } = await bea.api.mfa.totp.confirm({ enrolmentId: begin.enrolmentId, code: codeFor(begin.secret) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(await bea.api.mfa.status()).toEqual({ totpEnabled: true, recoveryCodesRemaining: 10, passkeys: 0 });
    expect((await bea.api.auth.me()).twoFactorEnabled).toBe(true);

    // At rest: the secret encrypted and bound to the user, the codes as SHA-256 only.
    const user = await mfaRepository(h.db.fork()).userWithSecrets(bea.user.id);
    expect(user?.totpSecretEnc).toMatch(/^v1\./);
    expect(user?.totpSecretEnc).not.toContain(begin.secret);
    expect(user?.totpLastStep).toBe(Math.floor(Date.now() / 30_000));
    const rows = await h.db.fork().find(RecoveryCode, { user: bea.user.id });
    expect(rows).toHaveLength(10);
    for (const r of rows) {
      expect(r.codeHash).toMatch(/^[0-9a-f]{64}$/);
      expect(recoveryCodes.some((c) => r.codeHash.includes(c.replace('-', '')))).toBe(false);
    }
    expect(await events(bea.user.id, ['mfa.totp_enabled'])).toHaveLength(1);
    expect(await events(bea.user.id, ['mfa.failed'])).toHaveLength(1);

    // The enrolment is spent, and a second one is refused while TOTP is on.
    const again = await trpcError(() => bea.api.mfa.totp.confirm({ enrolmentId: begin.enrolmentId, code: codeFor(begin.secret) }));
    expect(reasonOf(again)).toBe('enrolment_expired');
    expect((await trpcError(() => bea.api.mfa.totp.begin())).code).toBe('CONFLICT');
  });

  it('does not confirm an enrolment that expired or belongs to someone else', async () => {
    const cid = await h.signUp('cid');
    const dan = await h.signUp('dan');
    const begin = await cid.api.mfa.totp.begin();
    const foreign = await trpcError(() => dan.api.mfa.totp.confirm({ enrolmentId: begin.enrolmentId, code: codeFor(begin.secret) }));
    expect(reasonOf(foreign)).toBe('enrolment_expired');
    advance(10 * 60_000 + 1);
    await cid.api.mfa.stepUp({ method: 'password', secret: PASSWORD });
    const late = await trpcError(async () => (await h.caller({ token: cid.token })).mfa.totp.confirm({ enrolmentId: begin.enrolmentId, code: codeFor(begin.secret) }));
    expect(reasonOf(late)).toBe('enrolment_expired');
    expect((await mfaRepository(h.db.fork()).userWithSecrets(cid.user.id))?.totpEnabledAt).toBeNull();
    expect((await mfaRepository(h.db.fork()).userWithSecrets(dan.user.id))?.totpEnabledAt).toBeNull();
  });
});

describe('sign-in with a second factor', () => {
  it('asks for the second factor, refuses the code already used, and signs in with the next one', async () => {
    const eve = await enrolled('eve');
    const first = await ticketFor('eve');
    expect(first.methods).toEqual(['totp', 'recovery']);
    expect(first).not.toHaveProperty('accessToken');

    // The code that confirmed enrolment is spent for its time step: refused, with what to do about it.
    const reused = await trpcError(async () => (await h.caller()).mfa.completeLogin({ ticket: first.ticket, method: 'totp', code: codeFor(eve.secret) }));
    expect(reused.code).toBe('BAD_REQUEST');
    expect(reasonOf(reused)).toBe('code_reused');
    expect(reused.message).toBe('This code was just used. Wait for the next code in your app (up to 30 seconds) and enter it.');
    expect(reused.cause?.fieldErrors?.code).toEqual([reused.message]);
    // The previous step's code (still inside the drift window) is older than the spent one: the same advice.
    const older = await trpcError(async () => (await h.caller()).mfa.completeLogin({ ticket: first.ticket, method: 'totp', code: codeFor(eve.secret, -30_000) }));
    expect(reasonOf(older)).toBe('code_reused');

    nextStep();
    const jar = new MemoryJar();
    const code = codeFor(eve.secret);
    const res = await (await h.caller({ jar })).mfa.completeLogin({ ticket: first.ticket, method: 'totp', code: ` ${code.slice(0, 3)} ${code.slice(3)} ` });
    expect(res).toEqual({ status: 'signed_in', accessToken: expect.any(String), user: { id: eve.user.id, username: 'eve' } });
    expect(jar.get(ACCESS_COOKIE)).toBe(res.accessToken);
    expect(jar.get(REFRESH_COOKIE)).toBeDefined();
    expect((await (await h.caller({ jar })).auth.me()).username).toBe('eve');
    const succeeded = await events(eve.user.id, ['login.succeeded']);
    expect(succeeded[0]?.details).toEqual({ method: 'password+totp' });

    // The ticket is single-use, and so is the code within its window, even with a fresh ticket.
    const spentTicket = await trpcError(async () => (await h.caller()).mfa.completeLogin({ ticket: first.ticket, method: 'totp', code }));
    expect(reasonOf(spentTicket)).toBe('ticket_expired');
    const second = await ticketFor('eve');
    const sameCode = await trpcError(async () => (await h.caller()).mfa.completeLogin({ ticket: second.ticket, method: 'totp', code }));
    expect(reasonOf(sameCode)).toBe('code_reused');
    // A code that is simply wrong is still told apart.
    expect(reasonOf(await trpcError(async () => (await h.caller()).mfa.completeLogin({ ticket: second.ticket, method: 'totp', code: wrongCodeFor(eve.secret) })))).toBe('wrong_code');
  });

  it('records the second factor on the session, for the sessions list', async () => {
    const zed = await enrolled('zed');
    nextStep();
    const withTotp = await (await h.caller()).mfa.completeLogin({ ticket: (await ticketFor('zed')).ticket, method: 'totp', code: codeFor(zed.secret) });
    const withRecovery = await (await h.caller()).mfa.completeLogin({ ticket: (await ticketFor('zed')).ticket, method: 'recovery', code: zed.recoveryCodes[0] ?? '' });
    const list = await (await h.caller({ token: withTotp.accessToken })).auth.sessions.list();
    const methodOf = (token: string) => {
      const sid = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sid: string }).sid;
      const s = list.find((x) => x.id === sid);
      return s && { method: s.method, secondFactor: s.secondFactor };
    };
    expect(methodOf(withTotp.accessToken)).toEqual({ method: 'password', secondFactor: 'totp' });
    expect(methodOf(withRecovery.accessToken)).toEqual({ method: 'password', secondFactor: 'recovery' });
    // The session opened at sign-up, before 2FA, had no second factor.
    expect(methodOf(zed.token)).toEqual({ method: 'password', secondFactor: null });
  });

  it('lets only one of two concurrent uses of the same code through', async () => {
    const fay = await enrolled('fay');
    nextStep();
    const [a, b] = await Promise.all([ticketFor('fay'), ticketFor('fay')]);
    const code = codeFor(fay.secret);
    const results = await Promise.allSettled([
      (await h.caller()).mfa.completeLogin({ ticket: a.ticket, method: 'totp', code }),
      (await h.caller()).mfa.completeLogin({ ticket: b.ticket, method: 'totp', code }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('accepts each recovery code once, in any case and with or without the dash', async () => {
    const gus = await enrolled('gus');
    const code = gus.recoveryCodes[3] ?? '';
    const typed = code.replace('-', '').toUpperCase();
    const res = await (await h.caller()).mfa.completeLogin({ ticket: (await ticketFor('gus')).ticket, method: 'recovery', code: typed });
    expect(res.status).toBe('signed_in');
    expect((await gus.api.mfa.status()).recoveryCodesRemaining).toBe(9);
    expect(await events(gus.user.id, ['mfa.recovery_code_used'])).toHaveLength(1);
    expect((await events(gus.user.id, ['login.succeeded']))[0]?.details).toEqual({ method: 'password+recovery' });

    const again = await trpcError(async () => (await h.caller()).mfa.completeLogin({ ticket: (await ticketFor('gus')).ticket, method: 'recovery', code }));
    expect(reasonOf(again)).toBe('wrong_code');
    // Someone else's recovery code is no use either.
    const other = await enrolled('gwen');
    const foreign = await trpcError(async () =>
      (await h.caller()).mfa.completeLogin({ ticket: (await ticketFor('gus')).ticket, method: 'recovery', code: other.recoveryCodes[0] ?? '' }),
    );
    expect(reasonOf(foreign)).toBe('wrong_code');
    expect((await gus.api.mfa.status()).recoveryCodesRemaining).toBe(9);
  });

  it('lets a ticket expire after 5 minutes', async () => {
    const hal = await enrolled('hal');
    const { ticket } = await ticketFor('hal');
    const row = await h.db.fork().findOneOrFail(AuthChallenge, { id: ticket.split('.')[0] ?? '' });
    expect(row.purpose).toBe('mfa_login');
    expect(row.secret).not.toContain(ticket.split('.')[1] ?? '');
    advance(5 * 60_000 + 1);
    nextStep();
    const late = await trpcError(async () => (await h.caller()).mfa.completeLogin({ ticket, method: 'totp', code: codeFor(hal.secret) }));
    expect(late.code).toBe('BAD_REQUEST');
    expect(reasonOf(late)).toBe('ticket_expired');
  });

  it(`kills a ticket after ${MAX_TICKET_ATTEMPTS} wrong codes, and refuses forged tickets`, async () => {
    const ivy = await enrolled('ivy');
    nextStep();
    const { ticket } = await ticketFor('ivy');
    const api = await h.caller();
    const wrong = wrongCodeFor(ivy.secret);
    for (let i = 1; i < MAX_TICKET_ATTEMPTS; i++) {
      expect(reasonOf(await trpcError(() => api.mfa.completeLogin({ ticket, method: 'totp', code: wrong })))).toBe('wrong_code');
    }
    const last = await trpcError(() => api.mfa.completeLogin({ ticket, method: 'totp', code: wrong }));
    expect(reasonOf(last)).toBe('ticket_expired');
    expect(last.message).toMatch(/Too many incorrect codes/);
    const dead = await trpcError(() => api.mfa.completeLogin({ ticket, method: 'totp', code: codeFor(ivy.secret) }));
    expect(reasonOf(dead)).toBe('ticket_expired');
    expect(await events(ivy.user.id, ['mfa.failed'])).toHaveLength(MAX_TICKET_ATTEMPTS);

    // A forged random part, a made-up id, garbage: all the same answer, and the real code still works with a real ticket.
    const real = (await ticketFor('ivy')).ticket;
    for (const forged of [`${real.split('.')[0]}.AAAA`, `${crypto.randomUUID()}.${real.split('.')[1]}`, 'garbage', "'; drop table users; --", real.split('.')[0] ?? '']) {
      expect(reasonOf(await trpcError(() => api.mfa.completeLogin({ ticket: forged, method: 'totp', code: codeFor(ivy.secret) })))).toBe('ticket_expired');
    }
    expect((await api.mfa.completeLogin({ ticket: real, method: 'totp', code: codeFor(ivy.secret) })).status).toBe('signed_in');
  });

  it('does not finish signing in a user who was locked meanwhile', async () => {
    const joe = await enrolled('joe');
    nextStep();
    const { ticket } = await ticketFor('joe');
    await h.db.fork().nativeUpdate(User, { id: joe.user.id }, { lockedAt: new Date() });
    const err = await trpcError(async () => (await h.caller()).mfa.completeLogin({ ticket, method: 'totp', code: codeFor(joe.secret) }));
    expect(reasonOf(err)).toBe('ticket_expired');
    expect(await events(joe.user.id, ['login.succeeded'])).toHaveLength(0);
  });
});

describe('step-up', () => {
  it('requires a second factor when TOTP is on, then grants a limited window', async () => {
    const kit = await enrolled('kit');
    advance(h.deps.security.stepUpSeconds * 1000 + 1);
    nextStep();
    const api = await h.caller({ token: kit.token });
    const needed = await trpcError(() => api.mfa.totp.disable());
    expect(needed.code).toBe('FORBIDDEN');
    expect(reasonOf(needed)).toBe('step_up_required');

    const password = await trpcError(() => api.mfa.stepUp({ method: 'password', secret: PASSWORD }));
    expect(reasonOf(password)).toBe('second_factor_required');
    const wrong = await trpcError(() => api.mfa.stepUp({ method: 'totp', secret: wrongCodeFor(kit.secret) }));
    expect(wrong.code).toBe('BAD_REQUEST');
    expect(wrong.cause?.fieldErrors?.secret?.[0]).toBeDefined();
    expect(await events(kit.user.id, ['step_up.failed'])).toHaveLength(1);

    const granted = await api.mfa.stepUp({ method: 'totp', secret: codeFor(kit.secret) });
    expect(new Date(granted.elevatedUntil).getTime()).toBe(Date.now() + h.deps.security.stepUpSeconds * 1000);
    expect((await events(kit.user.id, ['step_up.succeeded']))[0]?.details).toEqual({ method: 'totp' });

    // The same code does not work twice; a recovery code steps up too.
    expect(reasonOf(await trpcError(() => api.mfa.stepUp({ method: 'totp', secret: codeFor(kit.secret) })))).toBe('code_reused');
    await api.mfa.stepUp({ method: 'recovery', secret: kit.recoveryCodes[0] ?? '' });

    const elevated = await h.caller({ token: kit.token });
    expect(await elevated.mfa.totp.disable()).toEqual({ ok: true });
    expect(await elevated.mfa.status()).toEqual({ totpEnabled: false, recoveryCodesRemaining: 0, passkeys: 0 });
    const user = await mfaRepository(h.db.fork()).userWithSecrets(kit.user.id);
    expect(user?.totpSecretEnc).toBeNull();
    expect(user?.totpLastStep).toBeNull();
    expect(await h.db.fork().count(RecoveryCode, { user: kit.user.id })).toBe(0);
    expect(await events(kit.user.id, ['mfa.totp_disabled'])).toHaveLength(1);
    // Password sign-in no longer asks for a code; disabling twice is refused.
    expect((await (await h.caller()).auth.login({ login: 'kit', password: PASSWORD })).status).toBe('signed_in');
    expect(reasonOf(await trpcError(() => elevated.mfa.totp.disable()))).toBe('totp_off');

    // A fresh sign-in counts as a step-up, for a while.
    const signedIn = await (await h.caller()).auth.login({ login: 'kit', password: PASSWORD });
    if (signedIn.status !== 'signed_in') throw new Error('expected a session');
    expect((await (await h.caller({ token: signedIn.accessToken })).mfa.totp.begin()).secret).toBeDefined();
    advance(h.deps.security.stepUpSeconds * 1000 + 1);
    expect(reasonOf(await trpcError(async () => (await h.caller({ token: signedIn.accessToken })).mfa.totp.begin()))).toBe('step_up_required');
  });

  it('uses the password when TOTP is off', async () => {
    const lea = await h.signUp('lea');
    advance(h.deps.security.stepUpSeconds * 1000 + 1);
    const api = await h.caller({ token: lea.token });
    expect(reasonOf(await trpcError(() => api.mfa.totp.begin()))).toBe('step_up_required');
    const wrong = await trpcError(() => api.mfa.stepUp({ method: 'password', secret: 'not the password' }));
    expect(wrong.cause?.fieldErrors).toEqual({ secret: ['Incorrect password.'] });
    expect(reasonOf(await trpcError(() => api.mfa.stepUp({ method: 'totp', secret: '123456' })))).toBe('totp_off');
    await api.mfa.stepUp({ method: 'password', secret: PASSWORD });
    expect((await (await h.caller({ token: lea.token })).mfa.totp.begin()).secret).toMatch(/^[A-Z2-7]+$/);
  });

  it('cannot use a password when the account has none', async () => {
    const max = await h.signUp('max');
    await h.db.fork().nativeUpdate(User, { id: max.user.id }, { passwordHash: null });
    const err = await trpcError(() => max.api.mfa.stepUp({ method: 'password', secret: PASSWORD }));
    expect(reasonOf(err)).toBe('no_password');
  });
});

describe('recovery codes', () => {
  it('regenerates: the old codes stop working, the new ones work', async () => {
    const ned = await enrolled('ned');
    const { recoveryCodes } = await ned.api.mfa.recoveryCodes.regenerate();
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.some((c) => ned.recoveryCodes.includes(c))).toBe(false);
    expect(await events(ned.user.id, ['mfa.recovery_codes_regenerated'])).toHaveLength(1);
    const old = await trpcError(async () => (await h.caller()).mfa.completeLogin({ ticket: (await ticketFor('ned')).ticket, method: 'recovery', code: ned.recoveryCodes[0] ?? '' }));
    expect(reasonOf(old)).toBe('wrong_code');
    const ok = await (await h.caller()).mfa.completeLogin({ ticket: (await ticketFor('ned')).ticket, method: 'recovery', code: recoveryCodes[0] ?? '' });
    expect(ok.status).toBe('signed_in');
  });

  it('cannot regenerate without TOTP', async () => {
    const oli = await h.signUp('oli');
    expect(reasonOf(await trpcError(() => oli.api.mfa.recoveryCodes.regenerate()))).toBe('totp_off');
  });
});

describe('bad input', () => {
  it('answers BAD_REQUEST with a message and changes nothing', async () => {
    const pat = await h.signUp('pat');
    const begin = await pat.api.mfa.totp.begin();
    const cases: [string, () => Promise<unknown>][] = [
      ['letters for a code', () => pat.api.mfa.totp.confirm({ enrolmentId: begin.enrolmentId, code: 'abcdef' })],
      ['a 7-digit code', () => pat.api.mfa.totp.confirm({ enrolmentId: begin.enrolmentId, code: '1234567' })],
      ['a huge code', () => pat.api.mfa.totp.confirm({ enrolmentId: begin.enrolmentId, code: '1'.repeat(10_000) })],
      ['not an enrolment id', () => pat.api.mfa.totp.confirm({ enrolmentId: "1' or 1=1", code: '123456' })],
      ['an unknown method', () => pat.api.mfa.stepUp({ method: 'sms' as 'totp', secret: '123456' })],
      ['a long password', () => pat.api.mfa.stepUp({ method: 'password', secret: 'x'.repeat(129) })],
      ['a malformed recovery code', () => pat.api.mfa.stepUp({ method: 'recovery', secret: 'abc' })],
      ['an empty ticket', async () => (await h.caller()).mfa.completeLogin({ ticket: '', method: 'totp', code: '123456' })],
      ['a huge ticket', async () => (await h.caller()).mfa.completeLogin({ ticket: 'x'.repeat(5000), method: 'totp', code: '123456' })],
      ['a code as a number', async () => (await h.caller()).mfa.completeLogin({ ticket: 'x', method: 'totp', code: 123456 as unknown as string })],
    ];
    for (const [label, call] of cases) {
      const err = await trpcError(call);
      expect(err.code, label).toBe('BAD_REQUEST');
      expect(humanMessage(err), label).toMatch(/^[A-Z].+\.$/);
    }
    expect(await pat.api.mfa.status()).toEqual({ totpEnabled: false, recoveryCodesRemaining: 0, passkeys: 0 });
    expect(await events(pat.user.id, ['mfa.failed', 'step_up.failed'])).toHaveLength(0);
  });

  it('keeps anonymous callers out of everything but completeLogin', async () => {
    const api = await h.caller();
    for (const call of [() => api.mfa.status(), () => api.mfa.totp.begin(), () => api.mfa.recoveryCodes.regenerate(), () => api.mfa.stepUp({ method: 'password', secret: PASSWORD })]) {
      expect((await trpcError(call)).code).toBe('UNAUTHORIZED');
    }
  });
});

describe('housekeeping', () => {
  it('purges expired challenges and keeps live ones', async () => {
    const api = await h.caller();
    const stale = await api.passkeys.loginOptions();
    advance(5 * 60_000 + 1);
    const live = await api.passkeys.loginOptions();
    expect(await purgeExpiredChallenges(h.deps)).toBeGreaterThanOrEqual(1);
    const em = h.db.fork();
    expect(await em.count(AuthChallenge, { id: stale.challengeId })).toBe(0);
    expect(await em.count(AuthChallenge, { id: live.challengeId })).toBe(1);
    expect(await em.count(AuthChallenge, { expiresAt: { $lte: new Date() } })).toBe(0);
  });
});
