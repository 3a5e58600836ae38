// OAuth sign-in and linking as a browser round trip:
//   GET /api/oauth/:provider/start?intent=login|link&next=/path  -> 302 to the provider
//   GET /api/oauth/:provider/callback?code&state                  -> 302 to `next`, or to the page with ?oauthError=<code>
// The state, the PKCE verifier, the intent and `next` travel in short-lived httpOnly cookies scoped to
// /api/oauth. They are SameSite=Lax: the callback is a top-level GET coming from the provider's site.
import { completeOAuth, createContext, DomainError, OAuthFlowError, resolveViewer, setSessionCookies, startOAuth, type ApiDeps } from '@veza/api';
import { OAUTH_PROVIDER_IDS, oauthStartQuery, safeNextPath, type OAuthErrorCode, type OAuthIntent } from '@veza/validators';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readOnlyCookieJar, replyCookieJar } from '../cookies.ts';

export const OAUTH_COOKIES = {
  /** `<provider>:<state>`: the callback must come back for the provider it went to. */
  state: 'veza_oauth_state',
  verifier: 'veza_oauth_verifier',
  /** `login`, or `link:<user id>` (the same user must be signed in at the callback). */
  intent: 'veza_oauth_intent',
  next: 'veza_oauth_next',
} as const;

const COOKIE_PATH = '/api/oauth';
const FLOW_SECONDS = 10 * 60;

type ProviderRequest = FastifyRequest<{ Params: { provider: string }; Querystring: Record<string, unknown> }>;

const defaultNext = (intent: OAuthIntent) => (intent === 'link' ? '/settings/connections' : '/');
const errorPage = (intent: OAuthIntent, code: OAuthErrorCode, provider: string) => {
  const query = new URLSearchParams({ oauthError: code });
  if ((OAUTH_PROVIDER_IDS as readonly string[]).includes(provider)) query.set('provider', provider);
  return `${intent === 'link' ? '/settings/connections' : '/login'}?${query}`;
};

/** A query parameter given once as a string (repeated or missing: undefined). */
const single = (value: unknown) => (typeof value === 'string' && value.length <= 2048 ? value : undefined);

export function oauthRoutes(app: FastifyInstance, { deps }: { deps: ApiDeps }) {
  const flowCookie = { httpOnly: true, path: COOKIE_PATH, sameSite: 'lax', secure: deps.secureCookies, maxAge: FLOW_SECONDS } as const;
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');

  app.get('/api/oauth/:provider/start', async (req: ProviderRequest, reply) => {
    noStore(reply);
    const parsed = oauthStartQuery.safeParse(req.query ?? {});
    const query = parsed.success ? parsed.data : { intent: 'login' as const, next: null };
    const provider = req.params.provider;
    const fail = (code: OAuthErrorCode) => reply.redirect(errorPage(query.intent, code, provider), 302);
    try {
      await deps.limits.consume('oauth_ip', req.ip);
      let intentCookie = 'login';
      if (query.intent === 'link') {
        const viewer = await resolveViewer(deps, undefined, readOnlyCookieJar(req.cookies));
        if (!viewer) return fail('failed');
        intentCookie = `link:${viewer.id}`;
      }
      const start = startOAuth(deps, provider);
      reply.setCookie(OAUTH_COOKIES.state, `${provider}:${start.state}`, flowCookie);
      reply.setCookie(OAUTH_COOKIES.verifier, start.codeVerifier, flowCookie);
      reply.setCookie(OAUTH_COOKIES.intent, intentCookie, flowCookie);
      reply.setCookie(OAUTH_COOKIES.next, query.next ?? defaultNext(query.intent), flowCookie);
      return reply.redirect(start.url, 302);
    } catch (error) {
      if (!(error instanceof OAuthFlowError || error instanceof DomainError)) req.log.error({ err: error }, 'OAuth start failed');
      return fail(error instanceof OAuthFlowError ? error.code : 'failed');
    }
  });

  app.get('/api/oauth/:provider/callback', async (req: ProviderRequest, reply) => {
    noStore(reply);
    const provider = req.params.provider;
    const cookies = req.cookies;
    const intentCookie = cookies[OAUTH_COOKIES.intent] ?? '';
    const intent: OAuthIntent = intentCookie.startsWith('link:') ? 'link' : 'login';
    const next = safeNextPath(cookies[OAUTH_COOKIES.next]) ?? defaultNext(intent);
    const stateCookie = cookies[OAUTH_COOKIES.state] ?? '';
    const separator = stateCookie.indexOf(':');
    const expectedState = separator > 0 && stateCookie.slice(0, separator) === provider ? stateCookie.slice(separator + 1) : undefined;
    const codeVerifier = cookies[OAUTH_COOKIES.verifier];
    // One use only, whatever happens next.
    for (const name of Object.values(OAUTH_COOKIES)) reply.clearCookie(name, { path: COOKIE_PATH, httpOnly: true, secure: deps.secureCookies });

    try {
      await deps.limits.consume('oauth_ip', req.ip);
      const jar = replyCookieJar(req, reply, deps.secureCookies);
      const ctx = await createContext(deps, { authorization: undefined, cookies: jar, meta: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null } });
      const outcome = await completeOAuth(ctx, {
        provider,
        intent,
        code: single(req.query.code),
        state: single(req.query.state),
        error: single(req.query.error),
        expectedState,
        codeVerifier,
        startedBy: intent === 'link' ? intentCookie.slice('link:'.length) : undefined,
      });
      if (outcome.kind === 'signed_in') setSessionCookies(deps, jar, outcome.tokens);
      if (outcome.kind === 'second_factor') {
        // The ticket rides in the fragment: never sent to a server, never in a Referer; the login page finishes the sign-in.
        return reply.redirect(`/login?next=${encodeURIComponent(next)}#second-factor=${encodeURIComponent(outcome.ticket)}`, 302);
      }
      return reply.redirect(next, 302);
    } catch (error) {
      if (!(error instanceof OAuthFlowError || error instanceof DomainError)) req.log.error({ err: error }, 'OAuth callback failed');
      return reply.redirect(errorPage(intent, error instanceof OAuthFlowError ? error.code : 'failed', provider), 302);
    }
  });
}
