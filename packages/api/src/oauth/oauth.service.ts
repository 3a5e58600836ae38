// OAuth sign-in and linking: the authorization code flow with state and PKCE (S256), then what the
// provider account means here. Accounts are found by the provider's user id only, never by email:
// an email match (verified or not) is refused, so nobody takes over an account through a provider.
import { createHash, timingSafeEqual } from 'node:crypto';
import { OAuthConflict, oauthRepository, OAUTH_PROVIDERS, type OAuthIdentity, type OAuthProvider, type User } from '@veza/db';
import type { OAuthErrorCode, OAuthIntent } from '@veza/validators';
import { CodeChallengeMethod, generateCodeVerifier, generateState, OAuth2Client, OAuth2RequestError } from 'arctic';
import { openSession, type SessionTokens } from '../auth/session.service.ts';
import { startSecondFactor, type SecondFactorMethod } from '../mfa/mfa.service.ts';
import type { ApiDeps, Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { audit } from '../security/audit.ts';
import { PROVIDERS, resolveProvider, type FetchJson, type NormalisedProfile, type ResolvedProvider } from './providers.ts';
import { pickUsername } from './username.ts';

/** How a round trip ended badly; the code lands in `?oauthError=` and the web app explains it. */
export class OAuthFlowError extends Error {
  readonly code: OAuthErrorCode;
  constructor(code: OAuthErrorCode, message: string) {
    super(message);
    this.name = 'OAuthFlowError';
    this.code = code;
  }
}

const PROFILE_TIMEOUT_MS = 10_000;
/** arctic's token request takes no signal: a provider that never answers must not hold the callback forever. */
const TOKEN_TIMEOUT_MS = 15_000;

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const isOAuthProvider = (value: string): value is OAuthProvider => (OAUTH_PROVIDERS as readonly string[]).includes(value);

/** Where the provider sends the browser back: registered with each provider. */
export const callbackUrl = (deps: ApiDeps, provider: OAuthProvider) => `${deps.security.appOrigin}/api/oauth/${provider}/callback`;

const clientFor = (deps: ApiDeps, provider: ResolvedProvider) =>
  new OAuth2Client(provider.clientId, provider.clientSecret, callbackUrl(deps, provider.id));

function configured(deps: ApiDeps, id: string): ResolvedProvider {
  const provider = isOAuthProvider(id) ? resolveProvider(deps.oauth, id) : null;
  if (!provider) throw new OAuthFlowError('failed', `Sign-in with ${id} is not available.`);
  return provider;
}

export interface OAuthStart {
  /** The provider's authorization page. */
  url: string;
  state: string;
  codeVerifier: string;
}

/** A fresh state and PKCE verifier, and the authorization URL carrying the state and the S256 challenge. */
export function startOAuth(deps: ApiDeps, providerId: string): OAuthStart {
  const provider = configured(deps, providerId);
  const state = generateState();
  const codeVerifier = generateCodeVerifier();
  const url = clientFor(deps, provider).createAuthorizationURLWithPKCE(provider.authorizeUrl, state, CodeChallengeMethod.S256, codeVerifier, provider.scopes);
  return { url: url.toString(), state, codeVerifier };
}

/** Equal strings, compared in constant time (over digests, so lengths do not leak either). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b)) && a.length === b.length;
}

const fetchJson: FetchJson = async (url, accessToken) => {
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', 'user-agent': 'Veza' },
    signal: AbortSignal.timeout(PROFILE_TIMEOUT_MS),
    redirect: 'error',
  });
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`profile request answered ${res.status}`);
  }
  return res.json();
};

export interface OAuthCallbackInput {
  provider: string;
  intent: OAuthIntent;
  /** From the callback's query. */
  code: string | undefined;
  state: string | undefined;
  error: string | undefined;
  /** From the flow cookies set at the start. */
  expectedState: string | undefined;
  codeVerifier: string | undefined;
  /** For `link`: the user who started it (the same user must finish it). */
  startedBy: string | undefined;
}

export type OAuthOutcome =
  | { kind: 'signed_in'; tokens: SessionTokens; created: boolean }
  /** The account has TOTP on: the provider stands for the first factor only; finish with mfa.completeLogin. */
  | { kind: 'second_factor'; ticket: string; methods: SecondFactorMethod[] }
  | { kind: 'linked' };

type FlowCtx = Pick<Context, 'deps' | 'em' | 'meta' | 'viewer'>;

/**
 * The callback: checks the state against the one set at the start, exchanges the code (with the PKCE
 * verifier), reads the profile, then signs in, links, or creates an account. Throws OAuthFlowError.
 */
export async function completeOAuth(ctx: FlowCtx, input: OAuthCallbackInput): Promise<OAuthOutcome> {
  const provider = configured(ctx.deps, input.provider);
  if (!input.expectedState || !input.state || !input.codeVerifier || !sameSecret(input.state, input.expectedState)) {
    throw new OAuthFlowError('state_mismatch', 'This sign-in link is not the one we started. Please try again.');
  }
  if (input.error) {
    throw input.error === 'access_denied'
      ? new OAuthFlowError('denied', `${provider.name} did not grant access.`)
      : new OAuthFlowError('failed', `${provider.name} answered with an error.`);
  }
  if (!input.code) throw new OAuthFlowError('failed', `${provider.name} did not send an authorization code.`);
  const profile = await exchange(ctx.deps, provider, input.code, input.codeVerifier);
  const identity: OAuthIdentity = {
    provider: provider.id,
    providerUserId: profile.providerUserId,
    email: profile.email,
    emailVerified: profile.emailVerified,
    displayName: profile.displayName,
  };

  if (input.intent === 'link') {
    if (!ctx.viewer || ctx.viewer.id !== input.startedBy) throw new OAuthFlowError('failed', 'Please sign in again, then link the account.');
    await linkToViewer(ctx, ctx.viewer, provider, identity);
    return { kind: 'linked' };
  }
  return signIn(ctx, provider, identity, profile);
}

async function exchange(deps: ApiDeps, provider: ResolvedProvider, code: string, codeVerifier: string): Promise<NormalisedProfile> {
  let accessToken: string;
  try {
    const tokens = await withTimeout(clientFor(deps, provider).validateAuthorizationCode(provider.tokenUrl, code, codeVerifier), TOKEN_TIMEOUT_MS);
    accessToken = tokens.accessToken();
  } catch (error) {
    const reason = error instanceof OAuth2RequestError ? error.code : 'token_request_failed';
    throw new OAuthFlowError('failed', `${provider.name} did not accept the sign-in (${reason}).`);
  }
  try {
    return await provider.profile(fetchJson, accessToken, provider.userInfoUrl);
  } catch {
    throw new OAuthFlowError('failed', `We could not read your ${provider.name} profile.`);
  }
}

async function linkToViewer(ctx: FlowCtx, viewer: Viewer, provider: ResolvedProvider, identity: OAuthIdentity) {
  const links = oauthRepository(ctx.em);
  const now = new Date();
  const existing = await links.byProviderUser(provider.id, identity.providerUserId);
  if (existing) {
    if (existing.user.id !== viewer.id) {
      await audit(ctx, 'login.failed', { actorId: viewer.id, subjectId: existing.user.id }, { method: `oauth:${provider.id}`, reason: 'already_linked' });
      throw new OAuthFlowError('already_linked', `This ${provider.name} account is already linked to another Veza account.`);
    }
    await links.touch(existing.id, identity, now);
    return;
  }
  if (await links.byUser(viewer.id, provider.id)) {
    throw new OAuthFlowError('already_linked', `Another ${provider.name} account is already linked to yours. Unlink it first.`);
  }
  try {
    await links.link(viewer.id, identity, now);
  } catch (error) {
    if (error instanceof OAuthConflict) throw new OAuthFlowError('already_linked', `This ${provider.name} account is already linked.`);
    throw error;
  }
  await audit(ctx, 'oauth.linked', { actorId: viewer.id }, { provider: provider.id });
}

async function signIn(ctx: FlowCtx, provider: ResolvedProvider, identity: OAuthIdentity, profile: NormalisedProfile): Promise<OAuthOutcome> {
  const method = `oauth:${provider.id}` as const;
  const links = oauthRepository(ctx.em);
  const existing = await links.byProviderUser(provider.id, identity.providerUserId);
  if (existing) {
    const user = existing.user;
    if (user.lockedAt) {
      await audit(ctx, 'login.failed', { subjectId: user.id }, { method, reason: 'locked' });
      throw new OAuthFlowError('failed', 'This account cannot sign in.');
    }
    await links.touch(existing.id, identity, new Date());
    if (user.totpEnabledAt) return { kind: 'second_factor', ...(await startSecondFactor(ctx, user, method)) };
    await audit(ctx, 'login.succeeded', { actorId: user.id }, { method });
    ctx.deps.metrics?.login('oauth');
    return { kind: 'signed_in', tokens: await openSession(ctx, user, method), created: false };
  }

  // Never link by email: whoever holds an account with this address must sign in and link from settings.
  if (!identity.email) {
    throw new OAuthFlowError('email_unverified', `${provider.name} did not share an email address with us. Sign up with an email, then link ${provider.name} from settings.`);
  }
  const owner = await links.userByEmail(identity.email);
  if (owner) {
    await audit(ctx, 'login.failed', { subjectId: owner.id }, { method, reason: 'email_in_use' });
    throw emailInUse(provider);
  }
  const user = await createAccount(ctx, provider, identity, profile);
  await audit(ctx, 'account.created', { actorId: user.id }, { method, emailVerified: identity.emailVerified });
  await audit(ctx, 'oauth.linked', { actorId: user.id }, { provider: provider.id });
  ctx.deps.metrics?.userRegistered('oauth');
  return { kind: 'signed_in', tokens: await openSession(ctx, user, method), created: true };
}

const emailInUse = (provider: ResolvedProvider) =>
  new OAuthFlowError('email_in_use', `An account with this email already exists. Sign in with your password and link ${provider.name} from settings.`);

/** A new account without a password; the email counts as verified only if the provider verified it. */
async function createAccount(ctx: FlowCtx, provider: ResolvedProvider, identity: OAuthIdentity, profile: NormalisedProfile): Promise<User> {
  const email = identity.email;
  if (!email) throw new OAuthFlowError('email_unverified', `${provider.name} did not share an email address with us.`);
  const now = new Date();
  const tried = new Set<string>();
  // A concurrent sign-up may take the chosen name between the check and the insert: pick again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const name = await pickUsername(ctx.em, profile.usernameHint, tried);
    if (!name) break;
    tried.add(name.username);
    try {
      return await oauthRepository(ctx.em).createUser(
        {
          id: crypto.randomUUID(),
          email,
          username: name.username,
          usernameSkeleton: name.skeleton,
          displayName: profile.displayName?.slice(0, 80) ?? null,
          emailVerifiedAt: identity.emailVerified ? now : null,
        },
        identity,
        now,
      );
    } catch (error) {
      if (!(error instanceof OAuthConflict)) throw error;
      if (error.field === 'email') throw emailInUse(provider);
      if (error.field === 'link') throw new OAuthFlowError('failed', 'This sign-in was completed twice. Please sign in again.');
    }
  }
  throw new OAuthFlowError('failed', 'We could not pick a username for you. Please try again.');
}

/** The linked accounts shown in settings. */
export async function listLinks(ctx: Pick<Context, 'em'>, viewer: Viewer) {
  const links = await oauthRepository(ctx.em).listFor(viewer.id);
  return links.map((link) => ({
    provider: link.provider,
    displayName: link.displayName ?? null,
    email: link.email ?? null,
    createdAt: link.createdAt.toISOString(),
    lastUsedAt: link.lastUsedAt?.toISOString() ?? null,
  }));
}

/** Removes a link, unless nothing else would let the user sign in. */
export async function unlink(ctx: Pick<Context, 'deps' | 'em' | 'meta'>, viewer: Viewer, provider: OAuthProvider): Promise<void> {
  const result = await oauthRepository(ctx.em).unlinkUnlessLast(viewer.id, provider);
  const name = PROVIDERS[provider].name;
  if (result === 'not_linked') throw new DomainError('NOT_FOUND', `No ${name} account is linked to yours.`);
  if (result === 'last_method') {
    throw new DomainError(
      'CONFLICT',
      `${name} is the only way you can sign in. Set a password or add a passkey before unlinking it.`,
      undefined,
      'last_sign_in_method',
    );
  }
  await audit(ctx, 'oauth.unlinked', { actorId: viewer.id }, { provider });
}
