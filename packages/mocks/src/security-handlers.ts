import { delay, type RequestHandler } from 'msw';
import { db, setSession, viewer } from './db.ts';
import type { MockUser } from './fixtures.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

/**
 * The mock back end for issue 4's security screens: two-factor authentication, passkeys, step-up,
 * OAuth providers, password reset and email verification.
 *
 * Mock rules, for designers and tests:
 * - the authenticator code is always 123456; recovery codes are MOCK_RECOVERY_CODES (each works once);
 * - sensitive calls (mfa.totp.*, recovery codes, passkeys.registrationOptions/register/remove) need a
 *   step-up first (`mfa.stepUp` with the account's password, 123456 or a recovery code), like the API;
 * - a user with `twoFactorEnabled` is asked for a second factor at login (`secondFactorAnswer`);
 * - email and reset tokens starting with "expired" fail, any other token works.
 * State lives beside each mock user object, so `resetMockDb()` starts it afresh.
 */

export const MOCK_TOTP_CODE = '123456';
/** A genuine code that was already accepted in its 30-second window (e.g. the one that turned 2FA on): refused as `code_reused`. */
export const MOCK_SPENT_TOTP_CODE = '654000';
export const MOCK_RECOVERY_CODES = ['k3f9d-2mx7q', 'p8w2n-c4r6t', 'h7y3b-v9k2m', 'q5z8x-d3n6p', 'r2t7c-w8m4k', 'b9n4v-j6x3h', 'm6q2w-z7t9r', 'c3x8k-n5p2b', 't4v9m-h2q7d', 'w7b3z-k8c5n'];
const MOCK_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

interface MockPasskey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  backedUp: boolean;
  deviceType: string;
}

interface SecurityState {
  elevated: boolean;
  enrolmentId: string | null;
  recoveryCodes: string[];
  passkeys: MockPasskey[];
}

const day = (n: number) => new Date(Date.UTC(2026, 9, 1 + n, 18, 30)).toISOString();

const seedPasskeys = (user: MockUser): MockPasskey[] =>
  user.username === 'ana'
    ? [
        { id: 'cGFzc2tleS1hbmEtMQ', name: 'iCloud Keychain', createdAt: day(-30), lastUsedAt: day(40), backedUp: true, deviceType: 'multiDevice' },
        { id: 'cGFzc2tleS1hbmEtMg', name: 'YubiKey 5C', createdAt: day(-5), lastUsedAt: null, backedUp: false, deviceType: 'singleDevice' },
      ]
    : [];

const states = new WeakMap<MockUser, SecurityState>();

function stateOf(user: MockUser): SecurityState {
  let state = states.get(user);
  if (!state) {
    state = { elevated: false, enrolmentId: null, recoveryCodes: user.twoFactorEnabled ? [...MOCK_RECOVERY_CODES] : [], passkeys: seedPasskeys(user) };
    states.set(user, state);
  }
  return state;
}

/** Tickets from the password step, waiting for the second factor. */
const tickets = new Map<string, string>();

/** What `auth.login` answers for an account with two-factor authentication (used by the mock login). */
export function secondFactorAnswer(user: MockUser) {
  const ticket = crypto.randomUUID();
  tickets.set(ticket, user.id);
  return { status: 'second_factor' as const, ticket, methods: ['totp', 'recovery'] as ('totp' | 'recovery')[] };
}

/** Marks the signed-in mock user as recently re-authenticated (stories that skip the step-up dialog). */
export function elevateMockSession() {
  const user = viewer();
  if (user) stateOf(user).elevated = true;
}

/** Turns two-factor authentication on for a mock user (stories and tests of the second login step). */
export function enableMockTwoFactor(username: string) {
  const user = db.users.find((u) => u.username === username);
  if (!user) throw new Error(`No mock user ${username}`);
  user.twoFactorEnabled = true;
  stateOf(user).recoveryCodes = [...MOCK_RECOVERY_CODES];
}

/** An API refusal with a machine-readable reason: msw-trpc copies `reason` into `error.data`, like the server's error formatter. */
class ReasonError extends MockTrpcError {
  readonly reason: string;
  constructor(code: ConstructorParameters<typeof MockTrpcError>[0], message: string, reason: string, fieldErrors?: Record<string, string[]>) {
    super(code, message, fieldErrors);
    this.reason = reason;
  }
}

/** The server's refusal of a second-factor code: a reason, and the message on the code field too. */
function refusedCode(method: 'totp' | 'recovery', code: string, field: string) {
  if (method === 'totp' && code.replace(/\s+/g, '') === MOCK_SPENT_TOTP_CODE) {
    const message = 'This code was just used. Wait for the next code in your app (up to 30 seconds) and enter it.';
    return new ReasonError('BAD_REQUEST', message, 'code_reused', { [field]: [message] });
  }
  const message = method === 'totp' ? 'That code is not right, or was already used. Wait for the next code and try again.' : 'That recovery code is not right, or was already used.';
  return new ReasonError('BAD_REQUEST', message, 'wrong_code', { [field]: [message] });
}

const stepUpRequired = () => new ReasonError('FORBIDDEN', 'Please confirm it is you to continue.', 'step_up_required');

/** Forgets every pending second-factor ticket, as if they had expired. */
export function expireMockTickets() {
  tickets.clear();
}

function requireViewer() {
  const user = viewer();
  if (!user) throw new MockTrpcError('UNAUTHORIZED', 'Please sign in to continue.');
  return user;
}

function requireElevated() {
  const user = requireViewer();
  if (!stateOf(user).elevated) throw stepUpRequired();
  return user;
}

const normaliseRecovery = (code: string) => code.toLowerCase().replace(/[\s-]+/g, '');

/** Checks a code and uses up a recovery code. */
function checkSecondFactor(user: MockUser, method: 'totp' | 'recovery', code: string): boolean {
  if (method === 'totp') return code.replace(/\s+/g, '') === MOCK_TOTP_CODE;
  const state = stateOf(user);
  const index = state.recoveryCodes.findIndex((c) => normaliseRecovery(c) === normaliseRecovery(code));
  if (index < 0) return false;
  state.recoveryCodes.splice(index, 1);
  return true;
}

const signedIn = (user: MockUser) => {
  setSession(user.id);
  stateOf(user).elevated = true;
  return { status: 'signed_in' as const, accessToken: 'mock-access-token', user: { id: user.id, username: user.username } };
};

const elevatedUntil = () => ({ elevatedUntil: new Date(Date.now() + 10 * 60_000).toISOString() });

const QR_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29" shape-rendering="crispEdges"><rect width="29" height="29" fill="#fff"/>' +
  '<path d="M2 2h7v7H2zM20 2h7v7h-7zM2 20h7v7H2z" fill="none" stroke="#000"/><path d="M4 4h3v3H4zM22 4h3v3h-3zM4 22h3v3H4zM11 3h2v2h-2zM14 6h3v2h-3zM12 11h5v2h-5zM20 12h2v4h-2zM11 15h2v5h-2zM15 17h4v2h-4zM22 19h3v2h-3zM13 22h2v4h-2zM17 23h5v2h-5zM24 24h2v2h-2z"/></svg>';

const challenge = () => ({ challengeId: crypto.randomUUID() });
const authenticationOptions = (allow: MockPasskey[]) => ({
  challenge: 'bW9jay1jaGFsbGVuZ2U',
  timeout: 300_000,
  rpId: 'localhost',
  userVerification: 'required' as const,
  allowCredentials: allow.map((p) => ({ id: p.id, type: 'public-key' as const })),
});

const mfaHandlers = [
  trpcMsw.mfa.status.query(async () => {
    await delay();
    const user = requireViewer();
    const state = stateOf(user);
    return { totpEnabled: user.twoFactorEnabled, recoveryCodesRemaining: user.twoFactorEnabled ? state.recoveryCodes.length : 0, passkeys: state.passkeys.length };
  }),
  trpcMsw.mfa.totp.begin.mutation(async () => {
    await delay();
    const user = requireElevated();
    const state = stateOf(user);
    state.enrolmentId = crypto.randomUUID();
    return { enrolmentId: state.enrolmentId, secret: MOCK_SECRET, otpauthUrl: `otpauth://totp/Veza:${user.username}?secret=${MOCK_SECRET}&issuer=Veza`, qrSvg: QR_SVG };
  }),
  trpcMsw.mfa.totp.confirm.mutation(async ({ input }) => {
    await delay();
    const user = requireElevated();
    const state = stateOf(user);
    if (!state.enrolmentId || state.enrolmentId !== input.enrolmentId) throw new MockTrpcError('BAD_REQUEST', 'This setup has expired. Please start again.');
    if (input.code !== MOCK_TOTP_CODE) {
      const message = 'That code is not right. Check that the time on your device is correct and try again.';
      throw new ReasonError('BAD_REQUEST', message, 'wrong_code', { code: [message] });
    }
    state.enrolmentId = null;
    state.recoveryCodes = [...MOCK_RECOVERY_CODES];
    user.twoFactorEnabled = true;
    return { recoveryCodes: [...state.recoveryCodes] };
  }),
  trpcMsw.mfa.totp.disable.mutation(async () => {
    await delay();
    const user = requireElevated();
    user.twoFactorEnabled = false;
    stateOf(user).recoveryCodes = [];
    return { ok: true as const };
  }),
  trpcMsw.mfa.recoveryCodes.regenerate.mutation(async () => {
    await delay();
    const user = requireElevated();
    if (!user.twoFactorEnabled) throw new MockTrpcError('BAD_REQUEST', 'Turn on two-factor authentication first.');
    const fresh = MOCK_RECOVERY_CODES.map((c) => [...c].reverse().join(''));
    stateOf(user).recoveryCodes = fresh;
    return { recoveryCodes: [...fresh] };
  }),
  trpcMsw.mfa.completeLogin.mutation(async ({ input }) => {
    await delay();
    const user = db.users.find((u) => u.id === tickets.get(input.ticket));
    if (!user) throw new ReasonError('BAD_REQUEST', 'This sign-in has expired. Please sign in again.', 'ticket_expired');
    if (!checkSecondFactor(user, input.method, input.code)) throw refusedCode(input.method, input.code, 'code');
    tickets.delete(input.ticket);
    return signedIn(user);
  }),
  trpcMsw.mfa.stepUp.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    if (input.method === 'password') {
      if (input.secret !== user.password) throw new ReasonError('BAD_REQUEST', 'Incorrect password.', 'wrong_password', { secret: ['Incorrect password.'] });
    } else if (!user.twoFactorEnabled || !checkSecondFactor(user, input.method, input.secret)) {
      throw refusedCode(input.method, input.secret, 'secret');
    }
    stateOf(user).elevated = true;
    return elevatedUntil();
  }),
];

const passkeyHandlers = [
  trpcMsw.passkeys.list.query(async () => {
    await delay();
    return stateOf(requireViewer()).passkeys.map((p) => ({ ...p }));
  }),
  trpcMsw.passkeys.registrationOptions.mutation(async () => {
    await delay();
    const user = requireElevated();
    return {
      ...challenge(),
      options: {
        challenge: 'bW9jay1yZWdpc3RyYXRpb24',
        rp: { name: 'Veza', id: 'localhost' },
        user: { id: btoa(user.id).replace(/=+$/, ''), name: user.username, displayName: user.displayName ?? user.username },
        pubKeyCredParams: [{ alg: -8, type: 'public-key' as const }, { alg: -7, type: 'public-key' as const }, { alg: -257, type: 'public-key' as const }],
        timeout: 300_000,
        attestation: 'none' as const,
        excludeCredentials: stateOf(user).passkeys.map((p) => ({ id: p.id, type: 'public-key' as const })),
        authenticatorSelection: { residentKey: 'required' as const, userVerification: 'required' as const },
      },
    };
  }),
  trpcMsw.passkeys.register.mutation(async ({ input }) => {
    await delay();
    const user = requireElevated();
    const passkey: MockPasskey = { id: input.response.id, name: input.name.trim(), createdAt: new Date().toISOString(), lastUsedAt: null, backedUp: false, deviceType: 'singleDevice' };
    stateOf(user).passkeys.push(passkey);
    return { ...passkey };
  }),
  trpcMsw.passkeys.rename.mutation(async ({ input }) => {
    await delay();
    const passkey = stateOf(requireViewer()).passkeys.find((p) => p.id === input.id);
    if (!passkey) throw new MockTrpcError('NOT_FOUND', 'Passkey not found.');
    passkey.name = input.name.trim();
    return { ...passkey };
  }),
  trpcMsw.passkeys.remove.mutation(async ({ input }) => {
    await delay();
    const state = stateOf(requireElevated());
    if (!state.passkeys.some((p) => p.id === input.id)) throw new MockTrpcError('NOT_FOUND', 'Passkey not found.');
    state.passkeys = state.passkeys.filter((p) => p.id !== input.id);
    return { ok: true as const };
  }),
  trpcMsw.passkeys.loginOptions.mutation(async () => {
    await delay();
    return { ...challenge(), options: authenticationOptions([]) };
  }),
  trpcMsw.passkeys.login.mutation(async ({ input }) => {
    await delay();
    const owner = db.users.find((u) => stateOf(u).passkeys.some((p) => p.id === input.response.id));
    if (!owner) throw new MockTrpcError('UNAUTHORIZED', 'This passkey is not registered with Veza.');
    return signedIn(owner);
  }),
  trpcMsw.passkeys.stepUpOptions.mutation(async () => {
    await delay();
    const user = requireViewer();
    return { ...challenge(), options: authenticationOptions(stateOf(user).passkeys) };
  }),
  trpcMsw.passkeys.stepUp.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    if (!stateOf(user).passkeys.some((p) => p.id === input.response.id)) throw new MockTrpcError('UNAUTHORIZED', 'This passkey is not one of yours.');
    stateOf(user).elevated = true;
    return elevatedUntil();
  }),
];

const oauthHandlers = [
  trpcMsw.oauth.providers.query(() => [
    { id: 'github' as const, name: 'GitHub' },
    { id: 'discord' as const, name: 'Discord' },
  ]),
];

const expiredLink = () => new MockTrpcError('BAD_REQUEST', 'This link has expired or was already used. Please ask for a new one.');

const accountHandlers = [
  trpcMsw.account.requestPasswordReset.mutation(async () => {
    await delay();
    return { ok: true as const };
  }),
  trpcMsw.account.resetPassword.mutation(async ({ input }) => {
    await delay();
    if (input.token.startsWith('expired')) throw expiredLink();
    const user = db.users.find((u) => u.username === 'ana');
    if (user) user.password = input.password;
    setSession(null);
    return { ok: true as const };
  }),
  trpcMsw.account.verifyEmail.mutation(async ({ input }) => {
    await delay();
    if (input.token.startsWith('expired')) throw expiredLink();
    const user = viewer() ?? db.users.find((u) => u.username === 'ana');
    if (!user) throw expiredLink();
    user.emailVerified = true;
    return { email: user.email };
  }),
  trpcMsw.account.sendVerification.mutation(async () => {
    await delay();
    const user = requireViewer();
    if (user.emailVerified) throw new MockTrpcError('BAD_REQUEST', 'Your email address is already verified.');
    return { ok: true as const };
  }),
];

/** Every security handler; part of the default mock back end (handlers.ts). */
export const securityHandlers: RequestHandler[] = [...mfaHandlers, ...passkeyHandlers, ...oauthHandlers, ...accountHandlers];
