import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthChallenge, auditRepository, OAuthAccount, Passkey, User, type AuditEventType } from '@veza/db';
import { ACCESS_COOKIE } from '../auth/cookies.ts';
import type { DomainError } from '../errors.ts';
import { createHarness, MemoryJar, trpcError, type Harness } from '../test/harness.ts';
import { SoftAuthenticator } from '../test/webauthn-authenticator.ts';

const ORIGIN = 'http://localhost:5173';

let h: Harness;
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  h = await createHarness({ appOrigin: ORIGIN });
});
afterAll(async () => {
  await h.close();
  vi.useRealTimers();
});

const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);
const reasonOf = (error: { cause?: unknown }) => (error.cause as DomainError | undefined)?.reason;
const events = (userId: string, types: AuditEventType[]) => auditRepository(h.db.fork()).list({ userId, types, limit: 100 });

/** A signed-up user holding an authenticator with one registered passkey. */
async function withPasskey(username: string, authenticator = new SoftAuthenticator(ORIGIN)) {
  const user = await h.signUp(username);
  const { challengeId, options } = await user.api.passkeys.registrationOptions();
  const passkey = await user.api.passkeys.register({ challengeId, name: 'Laptop', response: authenticator.create(options) });
  return { ...user, authenticator, passkey };
}

async function signInWith(authenticator: SoftAuthenticator, overrides: Parameters<SoftAuthenticator['get']>[1] = {}, jar?: MemoryJar) {
  const api = await h.caller({ jar: jar ?? null });
  const { challengeId, options } = await api.passkeys.loginOptions();
  return api.passkeys.login({ challengeId, response: authenticator.get(options, overrides) });
}

describe('passkey registration', () => {
  it('offers resident-key options scoped to the app and stores a verified credential', async () => {
    const ana = await h.signUp('ana');
    const { challengeId, options } = await ana.api.passkeys.registrationOptions();
    expect(options.rp).toEqual({ name: 'Veza', id: 'localhost' });
    expect(options.user.name).toBe('ana');
    expect(Buffer.from(options.user.id, 'base64url').toString()).toBe(ana.user.id);
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' });
    expect(options.excludeCredentials).toEqual([]);
    const stored = await h.db.fork().findOneOrFail(AuthChallenge, { id: challengeId });
    expect(stored).toMatchObject({ purpose: 'passkey_register', secret: options.challenge });
    expect(stored.expiresAt.getTime() - Date.now()).toBe(5 * 60_000);

    const authenticator = new SoftAuthenticator(ORIGIN);
    const response = authenticator.create(options);
    const dto = await ana.api.passkeys.register({ challengeId, name: '  MacBook Touch ID ', response });
    expect(dto).toEqual({ id: response.id, name: 'MacBook Touch ID', createdAt: new Date().toISOString(), lastUsedAt: null, backedUp: true, deviceType: 'multiDevice' });
    expect(await ana.api.passkeys.list()).toEqual([dto]);
    expect((await ana.api.mfa.status()).passkeys).toBe(1);
    const row = await h.db.fork().findOneOrFail(Passkey, { id: response.id });
    expect(row.transports).toEqual(['internal', 'hybrid']);
    expect(row.publicKey.length).toBeGreaterThan(80);
    expect(await events(ana.user.id, ['passkey.added'])).toHaveLength(1);

    // The challenge is spent: replaying the same response is refused.
    const replay = await trpcError(() => ana.api.passkeys.register({ challengeId, name: 'Again', response }));
    expect(reasonOf(replay)).toBe('challenge_expired');

    // The next options exclude it, so the same authenticator is not registered twice.
    const next = await ana.api.passkeys.registrationOptions();
    expect(next.options.excludeCredentials).toEqual([{ id: response.id, type: 'public-key', transports: ['internal', 'hybrid'] }]);
    expect(() => authenticator.create(next.options)).toThrow(/InvalidStateError/);
  });

  it('refuses a response made for another origin, another RP, another challenge or another ceremony', async () => {
    const bea = await h.signUp('bea');
    const authenticator = new SoftAuthenticator(ORIGIN);
    const bad = [
      { origin: 'https://evil.example' },
      { rpId: 'evil.example' },
      { challenge: Buffer.from('another challenge').toString('base64url') },
      { type: 'webauthn.get' },
    ];
    for (const overrides of bad) {
      const { challengeId, options } = await bea.api.passkeys.registrationOptions();
      const err = await trpcError(() => bea.api.passkeys.register({ challengeId, name: 'Phished', response: authenticator.create(options, overrides) }));
      expect(err.code, JSON.stringify(overrides)).toBe('BAD_REQUEST');
      expect(reasonOf(err)).toBe('passkey_failed');
    }
    expect(await bea.api.passkeys.list()).toEqual([]);
  });

  it('does not accept a registration challenge issued to someone else, or an expired one', async () => {
    const cid = await h.signUp('cid');
    const dan = await h.signUp('dan');
    const authenticator = new SoftAuthenticator(ORIGIN);
    const { challengeId, options } = await cid.api.passkeys.registrationOptions();
    const foreign = await trpcError(() => dan.api.passkeys.register({ challengeId, name: 'Mine', response: authenticator.create(options) }));
    expect(reasonOf(foreign)).toBe('challenge_expired');
    const second = await cid.api.passkeys.registrationOptions();
    advance(5 * 60_000 + 1);
    const late = await trpcError(() => cid.api.passkeys.register({ challengeId: second.challengeId, name: 'Late', response: new SoftAuthenticator(ORIGIN).create(second.options) }));
    expect(reasonOf(late)).toBe('challenge_expired');
    expect(await h.db.fork().count(Passkey, { user: { $in: [cid.user.id, dan.user.id] } })).toBe(0);
  });

  it('needs a recent sign-in or step-up', async () => {
    const eve = await h.signUp('eve');
    advance(h.deps.security.stepUpSeconds * 1000 + 1);
    const api = await h.caller({ token: eve.token });
    expect(reasonOf(await trpcError(() => api.passkeys.registrationOptions()))).toBe('step_up_required');
  });
});

describe('passkey sign-in', () => {
  it('signs in without a password or username, and skips TOTP', async () => {
    const fay = await withPasskey('fay');
    await h.db.fork().nativeUpdate(User, { id: fay.user.id }, { totpEnabledAt: new Date(), totpSecretEnc: 'v1.unused' });
    const api = await h.caller();
    const { challengeId, options } = await api.passkeys.loginOptions();
    expect(options.allowCredentials).toBeUndefined();
    expect(options.rpId).toBe('localhost');
    expect(options.userVerification).toBe('preferred');
    expect((await h.db.fork().findOneOrFail(AuthChallenge, { id: challengeId }, { populate: ['user'] })).user).toBeNull();

    advance(1_000);
    const jar = new MemoryJar();
    const res = await (await h.caller({ jar })).passkeys.login({ challengeId, response: fay.authenticator.get(options) });
    expect(res).toEqual({ status: 'signed_in', accessToken: expect.any(String), user: { id: fay.user.id, username: 'fay' } });
    expect(jar.get(ACCESS_COOKIE)).toBe(res.accessToken);
    const sessions = await (await h.caller({ token: res.accessToken })).auth.me();
    expect(sessions.username).toBe('fay');
    const [listed] = await fay.api.passkeys.list();
    expect(listed?.lastUsedAt).toBe(new Date().toISOString());
    expect((await h.db.fork().findOneOrFail(Passkey, { id: fay.passkey.id })).counter).toBe(1);
    expect((await events(fay.user.id, ['login.succeeded']))[0]?.details).toEqual({ method: 'passkey' });
    // A passkey is a sign-in of its own: no second factor follows it, even with TOTP on.
    const current = (await (await h.caller({ token: res.accessToken })).auth.sessions.list()).find((s) => s.current);
    expect(current).toMatchObject({ method: 'passkey', secondFactor: null });
  });

  it('refuses a replayed challenge, a wrong origin or RP, the wrong ceremony and an unknown credential', async () => {
    const gus = await withPasskey('gus');
    const api = await h.caller();
    const { challengeId, options } = await api.passkeys.loginOptions();
    const response = gus.authenticator.get(options);
    expect((await api.passkeys.login({ challengeId, response })).status).toBe('signed_in');
    expect(reasonOf(await trpcError(() => api.passkeys.login({ challengeId, response })))).toBe('challenge_expired');

    const credential = gus.authenticator.credentials[0];
    for (const overrides of [{ origin: 'https://veza.evil.example' }, { rpId: 'evil.example', credential }, { type: 'webauthn.create' }, { challenge: 'AAAA' }]) {
      const err = await trpcError(() => signInWith(gus.authenticator, overrides));
      expect(reasonOf(err), JSON.stringify(overrides)).toBe('passkey_failed');
    }
    const stranger = new SoftAuthenticator(ORIGIN);
    stranger.create((await gus.api.passkeys.registrationOptions()).options); // made, never registered with Veza
    expect(reasonOf(await trpcError(() => signInWith(stranger)))).toBe('passkey_failed');
    const failures = await auditRepository(h.db.fork()).list({ types: ['login.failed'], limit: 100 });
    expect(failures.map((e) => e.details?.reason)).toEqual(expect.arrayContaining(['unknown_passkey', 'bad_passkey_assertion']));
  });

  it('needs user verification (PIN, biometrics) when the passkey stands in for two-step verification', async () => {
    const uma = await withPasskey('uma');
    // Without TOTP, presence is enough (as strong as a password).
    expect((await signInWith(uma.authenticator, { userVerified: false })).status).toBe('signed_in');
    await h.db.fork().nativeUpdate(User, { id: uma.user.id }, { totpEnabledAt: new Date(), totpSecretEnc: 'v1.unused' });
    const err = await trpcError(() => signInWith(uma.authenticator, { userVerified: false }));
    expect(reasonOf(err)).toBe('user_verification_required');
    expect(err.message).toMatch(/PIN, fingerprint or face/);
    expect((await signInWith(uma.authenticator)).status).toBe('signed_in');
  });

  it('refuses an assertion whose signature counter went backwards (a cloned authenticator)', async () => {
    const hal = await withPasskey('hal');
    expect((await signInWith(hal.authenticator)).status).toBe('signed_in');
    expect((await signInWith(hal.authenticator)).status).toBe('signed_in');
    const credential = hal.authenticator.credentials[0];
    if (!credential) throw new Error('no credential');
    credential.signCount = 0; // the clone answers with counter 1 again
    expect(reasonOf(await trpcError(() => signInWith(hal.authenticator)))).toBe('passkey_failed');
    expect((await h.db.fork().findOneOrFail(Passkey, { id: hal.passkey.id })).counter).toBe(2);
  });

  it('does not let a passkey answer for another account, nor sign in a locked user', async () => {
    const ivy = await withPasskey('ivy');
    const joe = await withPasskey('joe');
    // Joe's key signs, but claims Ivy's credential id: the signature does not match Ivy's public key.
    const api = await h.caller();
    const { challengeId, options } = await api.passkeys.loginOptions();
    const forged = joe.authenticator.get(options);
    const err = await trpcError(() => api.passkeys.login({ challengeId, response: { ...forged, id: ivy.passkey.id, rawId: ivy.passkey.id } }));
    expect(reasonOf(err)).toBe('passkey_failed');

    await h.db.fork().nativeUpdate(User, { id: ivy.user.id }, { lockedAt: new Date() });
    expect(reasonOf(await trpcError(() => signInWith(ivy.authenticator)))).toBe('passkey_failed');
    expect(await events(ivy.user.id, ['login.succeeded'])).toHaveLength(0);
  });
});

describe('managing passkeys', () => {
  it('renames and removes only your own passkeys', async () => {
    const kit = await withPasskey('kit');
    const lea = await h.signUp('lea');
    expect(await kit.api.passkeys.rename({ id: kit.passkey.id, name: 'Work laptop' })).toMatchObject({ id: kit.passkey.id, name: 'Work laptop' });
    expect((await trpcError(() => lea.api.passkeys.rename({ id: kit.passkey.id, name: 'Stolen' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(() => lea.api.passkeys.remove({ id: kit.passkey.id }))).code).toBe('NOT_FOUND');
    expect(await lea.api.passkeys.list()).toEqual([]);

    expect(await kit.api.passkeys.remove({ id: kit.passkey.id })).toEqual({ ok: true });
    expect(await kit.api.passkeys.list()).toEqual([]);
    expect((await events(kit.user.id, ['passkey.removed']))[0]?.details).toMatchObject({ name: 'Work laptop' });
    // A removed passkey no longer signs in.
    expect(reasonOf(await trpcError(() => signInWith(kit.authenticator)))).toBe('passkey_failed');
  });

  it('refuses to remove the last way to sign in', async () => {
    const max = await withPasskey('max');
    await h.db.fork().nativeUpdate(User, { id: max.user.id }, { passwordHash: null });
    const err = await trpcError(() => max.api.passkeys.remove({ id: max.passkey.id }));
    expect(err.code).toBe('CONFLICT');
    expect(reasonOf(err)).toBe('last_sign_in_method');
    // With a linked account it is no longer the last one.
    await h.db.fork().insert(OAuthAccount, { id: crypto.randomUUID(), user: max.user.id, provider: 'github', providerUserId: '42', email: null, emailVerified: false, displayName: null, createdAt: new Date(), lastUsedAt: null });
    expect(await max.api.passkeys.remove({ id: max.passkey.id })).toEqual({ ok: true });
  });

  it('removing needs a recent sign-in or step-up', async () => {
    const ned = await withPasskey('ned');
    advance(h.deps.security.stepUpSeconds * 1000 + 1);
    const api = await h.caller({ token: ned.token });
    expect(reasonOf(await trpcError(() => api.passkeys.remove({ id: ned.passkey.id })))).toBe('step_up_required');
    expect(await api.passkeys.rename({ id: ned.passkey.id, name: 'Phone' })).toMatchObject({ name: 'Phone' });
  });
});

describe('step-up with a passkey', () => {
  it('elevates the session with one of your own passkeys only', async () => {
    const oli = await withPasskey('oli');
    const pat = await withPasskey('pat');
    advance(h.deps.security.stepUpSeconds * 1000 + 1);
    const api = await h.caller({ token: oli.token });
    expect(reasonOf(await trpcError(() => api.passkeys.registrationOptions()))).toBe('step_up_required');

    const { challengeId, options } = await api.passkeys.stepUpOptions();
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([oli.passkey.id]);
    // Pat's passkey, on Oli's session: refused.
    const foreign = await trpcError(() => api.passkeys.stepUp({ challengeId, response: pat.authenticator.get(options, { credential: pat.authenticator.credentials[0] }) }));
    expect(reasonOf(foreign)).toBe('passkey_failed');
    expect(await events(oli.user.id, ['step_up.failed'])).toHaveLength(1);

    const next = await api.passkeys.stepUpOptions();
    const granted = await api.passkeys.stepUp({ challengeId: next.challengeId, response: oli.authenticator.get(next.options) });
    expect(new Date(granted.elevatedUntil).getTime()).toBe(Date.now() + h.deps.security.stepUpSeconds * 1000);
    expect((await events(oli.user.id, ['step_up.succeeded']))[0]?.details).toEqual({ method: 'passkey' });
    expect((await (await h.caller({ token: oli.token })).passkeys.registrationOptions()).challengeId).toBeDefined();

    // A login challenge is not a step-up challenge.
    const login = await (await h.caller()).passkeys.loginOptions();
    expect(reasonOf(await trpcError(() => api.passkeys.stepUp({ challengeId: login.challengeId, response: oli.authenticator.get(login.options) })))).toBe('challenge_expired');
  });

  it('has nothing to offer without passkeys', async () => {
    const quinn = await h.signUp('quinn');
    expect(reasonOf(await trpcError(() => quinn.api.passkeys.stepUpOptions()))).toBe('no_passkeys');
  });
});

describe('hostile input', () => {
  it('never answers with a server error', async () => {
    const rex = await h.signUp('rex');
    const str = fc.oneof(fc.string(), fc.base64String(), fc.constant(''), fc.string({ minLength: 600, maxLength: 2000 }), fc.constant('../../etc/passwd'), fc.constant("' or 1=1 --"));
    const json = fc.anything({ maxDepth: 3 });
    const response = fc.record({
      id: fc.oneof(str, json),
      rawId: fc.oneof(str, json),
      type: fc.oneof(fc.constant('public-key'), str),
      clientExtensionResults: fc.oneof(fc.constant({}), json),
      response: fc.oneof(
        json,
        fc.record({ clientDataJSON: str, authenticatorData: str, signature: str, userHandle: str, attestationObject: str }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uuid(), str), response, str, async (challengeId, res, name) => {
        const calls = [
          async () => (await h.caller()).passkeys.login({ challengeId, response: res } as never),
          () => rex.api.passkeys.register({ challengeId, name, response: res } as never),
          () => rex.api.passkeys.stepUp({ challengeId, response: res } as never),
          () => rex.api.passkeys.rename({ id: name, name } as never),
          async () => (await h.caller()).mfa.completeLogin({ ticket: challengeId, method: 'totp', code: name } as never),
          () => rex.api.mfa.stepUp({ method: 'recovery', secret: name } as never),
        ];
        for (const call of calls) {
          const err = await trpcError(call);
          expect(err.code).not.toBe('INTERNAL_SERVER_ERROR');
        }
      }),
      { numRuns: 40 },
    );
  });
});

it('rejects an unauthenticated caller from everything but sign-in', async () => {
  const api = await h.caller();
  for (const call of [() => api.passkeys.list(), () => api.passkeys.registrationOptions(), () => api.passkeys.stepUpOptions(), () => api.passkeys.remove({ id: 'abc' })]) {
    expect((await trpcError(call)).code).toBe('UNAUTHORIZED');
  }
});
