// OAuth sign-in end to end: the real server on a real port, a real OAuth2/OIDC server (oauth2-mock-server)
// standing in for all four providers, and a small cookie-keeping "browser" that follows the redirects.
import { createServer, type AddressInfo } from 'node:net';
import { sessionsChanged } from '@veza/api';
import { auditRepository, OAuthAccount, sessionsRepository, User } from '@veza/db';
import { Events, OAuth2Server, type MutableToken } from 'oauth2-mock-server';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { OAUTH_COOKIES } from './oauth.ts';

type Provider = 'google' | 'github' | 'discord' | 'spotify';

/** What the mock provider says about the person in the next token it issues. */
interface PendingProfile {
  userinfo: Record<string, unknown>;
  /** GitHub's /user/emails. */
  emails?: { email: string; primary: boolean; verified: boolean }[];
}

let t: TestApp;
let origin: string;
let idp: OAuth2Server;
let idpOrigin: string;
let pending: PendingProfile = { userinfo: { sub: 'nobody' } };
let ipCounter = 0;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** The JSON claims of the bearer token the provider issued (the mock's userinfo does not look at it). */
function claimsOf(authorization: string | undefined): Record<string, unknown> | null {
  const token = authorization?.match(/^Bearer (\S+)$/)?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return null;
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

beforeAll(async () => {
  idp = new OAuth2Server();
  await idp.issuer.keys.generate('RS256');
  await idp.start(0, '127.0.0.1');
  idpOrigin = `http://127.0.0.1:${idp.address().port}`;
  // The profile travels inside the access token, so userinfo answers for the token presented, like a real provider.
  idp.service.on(Events.BeforeTokenSigning, (token: MutableToken) => {
    token.payload.veza_profile = pending;
  });
  idp.service.on(Events.BeforeUserinfo, (response, req) => {
    const profile = claimsOf(req.headers.authorization)?.veza_profile as PendingProfile | undefined;
    if (!profile) {
      response.statusCode = 401;
      response.body = { error: 'invalid_token' };
      return;
    }
    response.body = profile.userinfo;
  });
  idp.service.addRoute('GET', '/userinfo/emails', (req, res) => {
    const profile = claimsOf(req.headers.authorization)?.veza_profile as PendingProfile | undefined;
    res.writeHead(profile ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify(profile ? (profile.emails ?? []) : { message: 'Bad credentials' }));
  });

  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  const providers: Provider[] = ['google', 'github', 'discord', 'spotify'];
  const env: Record<string, string> = { PORT: String(port), PUBLIC_ORIGIN: origin, TRUST_PROXY: 'true' };
  for (const provider of providers) {
    const prefix = `OAUTH_${provider.toUpperCase()}_`;
    env[`${prefix}CLIENT_ID`] = `${provider}-client`;
    env[`${prefix}CLIENT_SECRET`] = `${provider}-secret`;
    env[`${prefix}AUTHORIZE_URL`] = `${idpOrigin}/authorize`;
    env[`${prefix}TOKEN_URL`] = `${idpOrigin}/token`;
    env[`${prefix}USERINFO_URL`] = `${idpOrigin}/userinfo`;
  }
  t = await createTestApp(env);
  await t.app.listen({ port, host: '127.0.0.1' });
});

afterAll(async () => {
  await t?.close();
  await idp?.stop();
});

beforeEach(() => {
  idp.service.removeAllListeners(Events.BeforeAuthorizeRedirect);
});

interface StoredCookie {
  value: string;
  path: string;
}

/** Keeps cookies for our origin (by path), follows nothing by itself; each browser has its own client IP. */
class Browser {
  readonly cookies = new Map<string, StoredCookie>();
  readonly ip = `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

  cookieHeader(path: string) {
    return [...this.cookies]
      .filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const target = new URL(url, origin);
    const ours = target.origin === origin;
    const res = await fetch(target, {
      redirect: 'manual',
      headers: ours ? { cookie: this.cookieHeader(target.pathname), 'x-forwarded-for': this.ip, ...headers } : headers,
    });
    if (ours) this.store(res.headers.getSetCookie());
    return res;
  }

  store(lines: string[]) {
    for (const line of lines) {
      const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      let path = '/';
      let expired = false;
      for (const attribute of attributes) {
        const [key = '', v = ''] = attribute.split('=');
        if (key.toLowerCase() === 'path') path = v;
        if (key.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
        if (key.toLowerCase() === 'expires' && Date.parse(v) <= Date.now()) expired = true;
      }
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, { value, path });
    }
  }

  /** A copy of this browser's cookies (to replay a request later). */
  snapshot() {
    const copy = new Browser();
    for (const [name, cookie] of this.cookies) copy.cookies.set(name, { ...cookie });
    Object.defineProperty(copy, 'ip', { value: this.ip });
    return copy;
  }

  async me() {
    const res = await this.get('/trpc/auth.me');
    if (res.status !== 200) return null;
    return (await res.json() as { result: { data: { id: string; username: string; email: string; emailVerified: boolean; hasPassword: boolean; displayName: string | null } } }).result.data;
  }

  async query<T>(path: string, input?: unknown) {
    const res = await this.get(`/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`);
    return { status: res.status, body: await res.json() as { result?: { data: T }; error?: { message: string; data: { code: string; reason: string | null } } } };
  }

  async mutation<T>(path: string, input: unknown) {
    const res = await fetch(`${origin}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookieHeader('/trpc'), 'x-forwarded-for': this.ip, origin },
      body: JSON.stringify(input),
    });
    this.store(res.headers.getSetCookie());
    return { status: res.status, body: await res.json() as { result?: { data: T }; error?: { message: string; data: { code: string; reason: string | null } } } };
  }
}

const location = (res: Response) => res.headers.get('location') ?? '';

/** A password account, signed up over HTTP from its own browser (its own IP: no shared sign-up budget). */
async function passwordUser(name: string) {
  const browser = new Browser();
  const res = await browser.mutation<{ user: { id: string; username: string } }>('auth.register', { email: `${name}@example.com`, username: name, password: 'correct horse battery staple' });
  const user = res.body.result?.data.user;
  if (!user) throw new Error(`sign-up failed: ${JSON.stringify(res.body)}`);
  return { user, browser };
}

/** start -> the provider's authorize endpoint (which answers with a redirect to our callback). */
async function begin(browser: Browser, provider: Provider, query: Record<string, string> = {}) {
  const start = await browser.get(`/api/oauth/${provider}/start?${new URLSearchParams(query)}`);
  expect(start.status).toBe(302);
  const authorizeUrl = location(start);
  const authorize = await browser.get(authorizeUrl);
  expect(authorize.status).toBe(302);
  return { start, authorizeUrl: new URL(authorizeUrl), callbackUrl: new URL(location(authorize)) };
}

/** The whole round trip; returns where the callback sent the browser. */
async function roundTrip(browser: Browser, provider: Provider, profile: PendingProfile, query: Record<string, string> = {}) {
  pending = profile;
  const { callbackUrl } = await begin(browser, provider, query);
  const callback = await browser.get(callbackUrl.toString());
  expect(callback.status).toBe(302);
  return { location: location(callback), callback, callbackUrl };
}

let subjects = 0;
const google = (email: string | null, verified: boolean, extra: Record<string, unknown> = {}): PendingProfile => ({
  userinfo: { sub: `g-${++subjects}`, ...(email ? { email, email_verified: verified } : {}), name: 'Ana Lima', ...extra },
});

const userCount = () => t.deps.db.fork().count(User, {});
const linksOf = (userId: string) => t.deps.db.fork().find(OAuthAccount, { user: userId });
const auditTypes = async (userId: string) => (await auditRepository(t.deps.db.fork()).list({ userId, limit: 50 })).map((e) => e.type);

describe('oauth.providers', () => {
  it('lists the configured providers by name', async () => {
    const { body } = await new Browser().query<{ id: string; name: string }[]>('oauth.providers');
    expect(body.result?.data).toEqual([
      { id: 'discord', name: 'Discord' },
      { id: 'spotify', name: 'Spotify' },
      { id: 'google', name: 'Google' },
      { id: 'github', name: 'GitHub' },
    ]);
  });
});

describe('GET /api/oauth/:provider/start', () => {
  it('sends the browser to the provider with state, an S256 PKCE challenge and our callback, and keeps the flow in scoped cookies', async () => {
    const browser = new Browser();
    const res = await browser.get('/api/oauth/google/start?intent=login&next=/library');
    expect(res.status).toBe(302);
    const url = new URL(location(res));
    expect(url.origin + url.pathname).toBe(`${idpOrigin}/authorize`);
    expect(url.searchParams.get('client_id')).toBe('google-client');
    expect(url.searchParams.get('redirect_uri')).toBe(`${origin}/api/oauth/google/callback`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('scope')).toBe('openid email profile');
    const state = url.searchParams.get('state') ?? '';
    expect(state.length).toBeGreaterThanOrEqual(20);

    const setCookies = res.headers.getSetCookie();
    for (const name of Object.values(OAUTH_COOKIES)) {
      const line = setCookies.find((l) => l.startsWith(`${name}=`));
      expect(line, name).toBeDefined();
      expect(line).toMatch(/; Max-Age=600/);
      expect(line).toMatch(/; Path=\/api\/oauth/);
      expect(line).toMatch(/; HttpOnly/);
      expect(line).toMatch(/; SameSite=Lax/);
      expect(line).not.toMatch(/; Secure/);
    }
    expect(decodeURIComponent(browser.cookies.get(OAUTH_COOKIES.state)?.value ?? '')).toBe(`google:${state}`);
    // The verifier never leaves in the URL, only its S256 challenge.
    const verifier = browser.cookies.get(OAUTH_COOKIES.verifier)?.value ?? '';
    expect(verifier.length).toBeGreaterThanOrEqual(43);
    expect(location(res)).not.toContain(verifier);
    expect(decodeURIComponent(browser.cookies.get(OAUTH_COOKIES.next)?.value ?? '')).toBe('/library');
  });

  it('marks the flow cookies Secure behind HTTPS', async () => {
    const secure = await createTestApp({ PUBLIC_ORIGIN: 'https://veza.example', OAUTH_GOOGLE_CLIENT_ID: 'id', OAUTH_GOOGLE_CLIENT_SECRET: 'secret' });
    try {
      const res = await secure.app.inject({ method: 'GET', url: '/api/oauth/google/start' });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toMatch(/^https:\/\/accounts\.google\.com\/o\/oauth2\/v2\/auth\?/);
      expect(new URL(String(res.headers.location)).searchParams.get('redirect_uri')).toBe('https://veza.example/api/oauth/google/callback');
      const lines = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      expect(lines).toHaveLength(4);
      for (const line of lines) expect(line).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it('answers unknown or unconfigured providers with a redirect, not an error page', async () => {
    const browser = new Browser();
    for (const provider of ['twitter', 'GOOGLE', 'constructor', '__proto__']) {
      const res = await browser.get(`/api/oauth/${provider}/start`);
      expect(res.status).toBe(302);
      expect(location(res)).toBe('/login?oauthError=failed');
    }
    expect(browser.cookies.size).toBe(0);
  });

  it('refuses to start linking without a signed-in user', async () => {
    const res = await new Browser().get('/api/oauth/github/start?intent=link');
    expect(res.status).toBe(302);
    expect(location(res)).toBe('/settings/connections?oauthError=failed&provider=github');
  });

  it('rate-limits per client IP', async () => {
    const browser = new Browser();
    const statuses: string[] = [];
    for (let i = 0; i < 31; i++) statuses.push(location(await browser.get('/api/oauth/google/start')));
    expect(statuses.slice(0, 30).every((l) => l.startsWith(idpOrigin))).toBe(true);
    expect(statuses[30]).toBe('/login?oauthError=failed&provider=google');
    // Another IP is not affected.
    expect(location(await new Browser().get('/api/oauth/google/start'))).toMatch(new RegExp(`^${idpOrigin}`));
  });
});

describe('sign-in and sign-up', () => {
  it('creates an account from a verified Google profile, signs it in and sends the browser to `next`', async () => {
    const before = await userCount();
    const browser = new Browser();
    const profile = google('Ana.Lima@Example.org', true, { name: 'Ana Lima' });
    const { location: to, callback } = await roundTrip(browser, 'google', profile, { next: '/library?tab=likes' });
    expect(to).toBe('/library?tab=likes');
    expect(callback.headers.get('cache-control')).toBe('no-store');
    expect(await userCount()).toBe(before + 1);
    // The flow cookies are gone, the session cookies are set.
    for (const name of Object.values(OAUTH_COOKIES)) expect(browser.cookies.has(name), name).toBe(false);
    expect(browser.cookies.has('veza_at')).toBe(true);
    expect(browser.cookies.has('veza_rt')).toBe(true);

    const me = await browser.me();
    expect(me).toMatchObject({ username: 'ana.lima', email: 'ana.lima@example.org', emailVerified: true, hasPassword: false, displayName: 'Ana Lima' });
    const links = await linksOf(me?.id ?? '');
    expect(links.map((l) => [l.provider, l.providerUserId, l.emailVerified])).toEqual([['google', String(profile.userinfo.sub), true]]);
    const sessions = await sessionsRepository(t.deps.db.fork()).listLive(me?.id ?? '', new Date());
    expect(sessions.map((s) => s.method)).toEqual(['oauth:google']);
    expect(await auditTypes(me?.id ?? '')).toEqual(expect.arrayContaining(['account.created', 'oauth.linked']));
  });

  it('signs the same provider account in again to the same Veza account', async () => {
    const profile = google('returning@example.org', true);
    const first = new Browser();
    await roundTrip(first, 'google', profile);
    const firstMe = await first.me();
    const before = await userCount();

    const second = new Browser();
    const { location: to } = await roundTrip(second, 'google', { userinfo: { ...profile.userinfo, name: 'New Name' } });
    expect(to).toBe('/');
    const secondMe = await second.me();
    expect(secondMe?.id).toBe(firstMe?.id);
    expect(await userCount()).toBe(before);
    const [link] = await linksOf(firstMe?.id ?? '');
    expect(link?.displayName).toBe('New Name');
    expect(link?.lastUsedAt).not.toBeNull();
    expect(await auditTypes(firstMe?.id ?? '')).toContain('login.succeeded');
  });

  it('makes the username valid and unique (taken, reserved, accents, too short)', async () => {
    await passwordUser('renee');
    const browser = new Browser();
    await roundTrip(browser, 'discord', { userinfo: { id: '9001', username: 'Renée', global_name: 'Renée B', email: 'renee.b@example.org', verified: true } });
    const me = await browser.me();
    expect(me?.username).toMatch(/^renee_\d{4}$/);
    expect(me?.displayName).toBe('Renée B');

    const admin = new Browser();
    await roundTrip(admin, 'discord', { userinfo: { id: '9002', username: 'admin', email: 'not-staff@example.org', verified: true } });
    expect((await admin.me())?.username).toMatch(/^admin_\d{4}$|^listener_\d{6}$/);
    expect((await admin.me())?.username).not.toBe('admin');

    const short = new Browser();
    await roundTrip(short, 'spotify', { userinfo: { id: 'x', display_name: '✨', email: 'sparkles@example.org' } });
    expect((await short.me())?.username).toMatch(/^listener(_\d{4})?$/);
  });

  it('creates an account whose unverified provider email stays unverified (Spotify never verifies, Discord said no)', async () => {
    const spotify = new Browser();
    await roundTrip(spotify, 'spotify', { userinfo: { id: 'spotify-user-1', display_name: 'DJ Spot', email: 'dj.spot@example.org' } });
    expect(await spotify.me()).toMatchObject({ email: 'dj.spot@example.org', emailVerified: false, hasPassword: false });

    const discord = new Browser();
    await roundTrip(discord, 'discord', { userinfo: { id: '777', username: 'unverified', email: 'unverified.d@example.org', verified: false } });
    expect(await discord.me()).toMatchObject({ email: 'unverified.d@example.org', emailVerified: false });
  });

  it('uses GitHub\'s primary email from /user/emails and its verification flag', async () => {
    const verified = new Browser();
    await roundTrip(verified, 'github', {
      userinfo: { id: 424242, login: 'octo-cat', name: null, email: 'public@example.org' },
      emails: [
        { email: 'other@example.org', primary: false, verified: true },
        { email: 'Octo@Example.org', primary: true, verified: true },
      ],
    });
    expect(await verified.me()).toMatchObject({ username: 'octo-cat', email: 'octo@example.org', emailVerified: true, displayName: 'octo-cat' });

    const unverified = new Browser();
    await roundTrip(unverified, 'github', {
      userinfo: { id: 434343, login: 'newbie', name: 'New Bie', email: null },
      emails: [{ email: 'newbie@example.org', primary: true, verified: false }],
    });
    expect(await unverified.me()).toMatchObject({ email: 'newbie@example.org', emailVerified: false });
  });

  it('refuses a provider account whose email belongs to an existing account: no takeover, verified or not', async () => {
    const { user: victim } = await passwordUser('victim');
    const before = await userCount();
    for (const verified of [true, false]) {
      const attacker = new Browser();
      const { location: to } = await roundTrip(attacker, 'google', google('VICTIM@example.com', verified));
      expect(to).toBe('/login?oauthError=email_in_use&provider=google');
      expect(attacker.cookies.has('veza_at')).toBe(false);
      expect(await attacker.me()).toBeNull();
    }
    expect(await userCount()).toBe(before);
    expect(await linksOf(victim.id)).toEqual([]);
    const failures = (await auditRepository(t.deps.db.fork()).list({ userId: victim.id, types: ['login.failed'], limit: 10 })).map((e) => e.details);
    expect(failures).toEqual([
      { method: 'oauth:google', reason: 'email_in_use' },
      { method: 'oauth:google', reason: 'email_in_use' },
    ]);
  });

  it('refuses a profile without an email (there is nothing to create the account with)', async () => {
    const before = await userCount();
    const { location: to } = await roundTrip(new Browser(), 'discord', { userinfo: { id: '31337', username: 'noemail', email: null } });
    expect(to).toBe('/login?oauthError=email_unverified&provider=discord');
    expect(await userCount()).toBe(before);
  });

  it('asks an account with two-factor sign-in for its code: the provider is only the first factor', async () => {
    const browser = new Browser();
    const profile = google('two.factor@example.org', true);
    await roundTrip(browser, 'google', profile);
    // Turn TOTP on through the API, as the settings screen does (the fresh sign-in counts as a step-up).
    const begun = await browser.mutation<{ enrolmentId: string; secret: string }>('mfa.totp.begin', undefined);
    const enrolment = begun.body.result?.data;
    if (!enrolment) throw new Error(`enrolment failed: ${JSON.stringify(begun.body)}`);
    const totp = new TOTP({ secret: Secret.fromBase32(enrolment.secret) });
    const confirmed = await browser.mutation('mfa.totp.confirm', { enrolmentId: enrolment.enrolmentId, code: totp.generate() });
    expect(confirmed.status).toBe(200);

    const again = new Browser();
    const { location: to } = await roundTrip(again, 'google', profile, { next: '/settings' });
    expect(again.cookies.has('veza_at')).toBe(false);
    expect(again.cookies.has('veza_session')).toBe(false);
    const match = /^\/login\?next=%2Fsettings#second-factor=(.+)$/.exec(to);
    expect(match, to).not.toBeNull();
    const ticket = decodeURIComponent(match?.[1] ?? '');
    // The next time step's code (the enrolment used this one).
    const code = totp.generate({ timestamp: Date.now() + 30_000 });
    const done = await again.mutation<{ status: string }>('mfa.completeLogin', { ticket, method: 'totp', code });
    expect(done.body.result?.data.status).toBe('signed_in');
    expect(again.cookies.get('veza_session')?.value).toBe('1');
    expect((await again.me())?.email).toBe('two.factor@example.org');
    // The first sign-in, straight from the provider's callback (a Fastify route), set the flag too.
    expect(browser.cookies.get('veza_session')?.value).toBe('1');
    // The sessions list tells how: the provider, then the authenticator app.
    const sessions = await again.query<{ current: boolean; method: string; secondFactor: string | null }[]>('auth.sessions.list');
    expect(sessions.body.result?.data.find((s) => s.current)).toMatchObject({ method: 'oauth:google', secondFactor: 'totp' });
  });

  it('refuses a locked account', async () => {
    const browser = new Browser();
    const profile = google('locked.out@example.org', true);
    await roundTrip(browser, 'google', profile);
    const id = (await browser.me())?.id ?? '';
    await t.deps.db.fork().nativeUpdate(User, { id }, { lockedAt: new Date() });
    const again = new Browser();
    const { location: to } = await roundTrip(again, 'google', profile);
    expect(to).toBe('/login?oauthError=failed&provider=google');
    expect(again.cookies.has('veza_at')).toBe(false);
  });

  it('reports a denial at the provider', async () => {
    idp.service.once(Events.BeforeAuthorizeRedirect, (redirect) => {
      redirect.url.searchParams.delete('code');
      redirect.url.searchParams.set('error', 'access_denied');
    });
    const { location: to } = await roundTrip(new Browser(), 'google', google('denied@example.org', true));
    expect(to).toBe('/login?oauthError=denied&provider=google');
  });
});

describe('callback attacks', () => {
  async function expectNoSession(browser: Browser, to: string, code: string, before: number) {
    expect(to).toBe(`/login?oauthError=${code}&provider=google`);
    expect(browser.cookies.has('veza_at')).toBe(false);
    expect(await userCount()).toBe(before);
    // The flow cookies are spent even when the callback fails.
    for (const name of Object.values(OAUTH_COOKIES)) expect(browser.cookies.has(name)).toBe(false);
  }

  it('refuses a wrong state', async () => {
    const before = await userCount();
    const browser = new Browser();
    pending = google('wrong.state@example.org', true);
    const { callbackUrl } = await begin(browser, 'google');
    callbackUrl.searchParams.set('state', `${callbackUrl.searchParams.get('state')}x`);
    await expectNoSession(browser, location(await browser.get(callbackUrl.toString())), 'state_mismatch', before);
  });

  it('refuses a callback in a browser that did not start the flow (login CSRF), and a state for another provider', async () => {
    const before = await userCount();
    const attacker = new Browser();
    pending = google('csrf@example.org', true);
    const { callbackUrl } = await begin(attacker, 'google');
    const victim = new Browser();
    await expectNoSession(victim, location(await victim.get(callbackUrl.toString())), 'state_mismatch', before);

    const browser = new Browser();
    const flow = await begin(browser, 'github');
    const crossed = new URL(`${origin}/api/oauth/google/callback${flow.callbackUrl.search}`);
    await expectNoSession(browser, location(await browser.get(crossed.toString())), 'state_mismatch', before);
  });

  it('refuses a missing or forged code', async () => {
    const before = await userCount();
    pending = google('forged@example.org', true);
    const missing = new Browser();
    const flow = await begin(missing, 'google');
    flow.callbackUrl.searchParams.delete('code');
    await expectNoSession(missing, location(await missing.get(flow.callbackUrl.toString())), 'failed', before);

    const forged = new Browser();
    const other = await begin(forged, 'google');
    other.callbackUrl.searchParams.set('code', crypto.randomUUID());
    await expectNoSession(forged, location(await forged.get(other.callbackUrl.toString())), 'failed', before);
  });

  it('refuses a replayed callback, with or without the original cookies', async () => {
    const browser = new Browser();
    pending = google('replay@example.org', true);
    const { callbackUrl } = await begin(browser, 'google');
    const cookiesAtCallback = browser.snapshot();
    expect(location(await browser.get(callbackUrl.toString()))).toBe('/');
    const me = await browser.me();
    const before = await userCount();

    const sameBrowser = new Browser();
    for (const [name, cookie] of browser.cookies) if (!name.startsWith('veza_oauth')) sameBrowser.cookies.set(name, cookie);
    expect(location(await sameBrowser.get(callbackUrl.toString()))).toBe('/login?oauthError=state_mismatch&provider=google');

    // Even with the flow cookies replayed, the provider will not exchange the code twice.
    const replay = cookiesAtCallback.snapshot();
    await expectNoSession(replay, location(await replay.get(callbackUrl.toString())), 'failed', before);
    const sessions = await sessionsRepository(t.deps.db.fork()).listLive(me?.id ?? '', new Date());
    expect(sessions).toHaveLength(1);
  });

  it('refuses a tampered PKCE verifier (the provider checks it against the challenge)', async () => {
    const before = await userCount();
    const browser = new Browser();
    pending = google('pkce@example.org', true);
    const { callbackUrl } = await begin(browser, 'google');
    const verifier = browser.cookies.get(OAUTH_COOKIES.verifier);
    expect(verifier).toBeDefined();
    browser.cookies.set(OAUTH_COOKIES.verifier, { path: '/api/oauth', value: `${verifier?.value.slice(0, -4)}AAAA` });
    await expectNoSession(browser, location(await browser.get(callbackUrl.toString())), 'failed', before);
  });

  it('only returns to same-site paths (open-redirect safe)', async () => {
    const hostile = ['//evil.example/x', 'https://evil.example/', '/.//evil.example', '/\\evil.example', 'javascript:alert(1)', '/\r\nSet-Cookie: x=1', `/${'a'.repeat(600)}`];
    for (const next of hostile) {
      const browser = new Browser();
      const { location: to } = await roundTrip(browser, 'google', google(`next${hostile.indexOf(next)}@example.org`, true), { next });
      expect(to, next).toBe('/');
    }
    // A tampered `next` cookie is checked again at the callback.
    const browser = new Browser();
    pending = google('next.cookie@example.org', true);
    const { callbackUrl } = await begin(browser, 'google', { next: '/fine' });
    browser.cookies.set(OAUTH_COOKIES.next, { path: '/api/oauth', value: encodeURIComponent('//evil.example') });
    expect(location(await browser.get(callbackUrl.toString()))).toBe('/');
  });
});

describe('linking from settings', () => {
  it('links a provider account to the signed-in user, who can then sign in with it', async () => {
    const { user, browser } = await passwordUser('linker');
    const profile: PendingProfile = {
      userinfo: { id: 515151, login: 'linker-gh', name: 'Linker', email: null },
      emails: [{ email: 'linker.gh@example.org', primary: true, verified: true }],
    };
    const { location: to } = await roundTrip(browser, 'github', profile, { intent: 'link' });
    expect(to).toBe('/settings/connections');
    const { body } = await browser.query<{ provider: string; displayName: string | null; email: string | null; createdAt: string; lastUsedAt: string | null }[]>('oauth.links');
    expect(body.result?.data).toEqual([
      { provider: 'github', displayName: 'Linker', email: 'linker.gh@example.org', createdAt: expect.any(String), lastUsedAt: expect.any(String) },
    ]);
    expect(await auditTypes(user.id)).toContain('oauth.linked');
    // Linking does not change who is signed in, nor the account's email.
    expect(await browser.me()).toMatchObject({ id: user.id, email: 'linker@example.com' });

    const elsewhere = new Browser();
    expect((await roundTrip(elsewhere, 'github', profile)).location).toBe('/');
    expect((await elsewhere.me())?.id).toBe(user.id);
  });

  it('refuses a provider account already linked to someone else, and a second account of the same provider', async () => {
    const owner = new Browser();
    const profile = google('taken.link@example.org', true);
    await roundTrip(owner, 'google', profile);
    const { user, browser } = await passwordUser('latecomer');
    expect((await roundTrip(browser, 'google', profile, { intent: 'link' })).location).toBe('/settings/connections?oauthError=already_linked&provider=google');
    expect(await linksOf(user.id)).toEqual([]);

    expect((await roundTrip(browser, 'google', google('mine@example.org', true), { intent: 'link' })).location).toBe('/settings/connections');
    expect((await roundTrip(browser, 'google', google('mine.too@example.org', true), { intent: 'link' })).location).toBe(
      '/settings/connections?oauthError=already_linked&provider=google',
    );
    expect((await linksOf(user.id)).map((l) => l.email)).toEqual(['mine@example.org']);
  });

  it('will not finish a link for a different user than the one who started it', async () => {
    const { browser } = await passwordUser('starter');
    pending = google('switch@example.org', true);
    const { callbackUrl } = await begin(browser, 'google', { intent: 'link' });
    const { user: other, browser: otherBrowser } = await passwordUser('switcher');
    for (const [name, cookie] of otherBrowser.cookies) browser.cookies.set(name, cookie);
    expect(location(await browser.get(callbackUrl.toString()))).toBe('/settings/connections?oauthError=failed&provider=google');
    expect(await linksOf(other.id)).toEqual([]);
  });

  it('unlinks (elevated), and refuses to remove the last way to sign in', async () => {
    const { user, browser } = await passwordUser('unlinker');
    await roundTrip(browser, 'discord', { userinfo: { id: '8080', username: 'unlinker', email: 'u@example.org', verified: true } }, { intent: 'link' });
    const removed = await browser.mutation<{ ok: true }>('oauth.unlink', { provider: 'discord' });
    expect(removed.body.result?.data).toEqual({ ok: true });
    expect(await linksOf(user.id)).toEqual([]);
    expect(await auditTypes(user.id)).toContain('oauth.unlinked');
    const again = await browser.mutation('oauth.unlink', { provider: 'discord' });
    expect(again.body.error?.data.code).toBe('NOT_FOUND');

    // An account created through Google has no password and no passkey: Google is its only way in.
    const oauthOnly = new Browser();
    await roundTrip(oauthOnly, 'google', google('only.google@example.org', true));
    const me = await oauthOnly.me();
    const refused = await oauthOnly.mutation('oauth.unlink', { provider: 'google' });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.message).toMatch(/only way you can sign in/);
    expect(refused.body.error?.data.reason).toBe('last_sign_in_method');
    expect(await linksOf(me?.id ?? '')).toHaveLength(1);

    // With a second provider linked, either can go.
    await roundTrip(oauthOnly, 'spotify', { userinfo: { id: 'sp-only', display_name: 'Only', email: 'only.spotify@example.org' } }, { intent: 'link' });
    expect((await oauthOnly.mutation('oauth.unlink', { provider: 'google' })).body.result?.data).toEqual({ ok: true });
    expect((await linksOf(me?.id ?? '')).map((l) => l.provider)).toEqual(['spotify']);
    expect((await oauthOnly.mutation('oauth.unlink', { provider: 'spotify' })).status).toBe(409);
  });

  it('asks for a step-up before unlinking once the sign-in is no longer recent', async () => {
    const { user, browser } = await passwordUser('stale');
    await roundTrip(browser, 'discord', { userinfo: { id: '6060', username: 'stale', email: 'stale.d@example.org', verified: true } }, { intent: 'link' });
    const em = t.deps.db.fork();
    for (const session of await sessionsRepository(em).listLive(user.id, new Date())) {
      await sessionsRepository(em).setElevatedUntil(session.id, null);
      await sessionsChanged(t.deps, [session.id]);
    }
    const res = await browser.mutation('oauth.unlink', { provider: 'discord' });
    expect(res.status).toBe(403);
    expect(res.body.error?.data.reason).toBe('step_up_required');
    expect(await linksOf(user.id)).toHaveLength(1);
  });

  it('lists nothing and refuses unlinking when signed out', async () => {
    const browser = new Browser();
    expect((await browser.query('oauth.links')).status).toBe(401);
    expect((await browser.mutation('oauth.unlink', { provider: 'google' })).status).toBe(401);
    const { browser: signedIn } = await passwordUser('badinput');
    const bad = await signedIn.mutation('oauth.unlink', { provider: 'myspace' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toBe('Unknown sign-in provider.');
  });
});
