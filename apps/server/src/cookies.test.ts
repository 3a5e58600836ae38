// The session cookies on the wire, through tRPC's HTTP fast path (trpc-http.ts) and through Fastify: the tokens
// are HttpOnly; the "signed in" flag (veza_session=1) is readable by the web app, lives as long as the refresh
// cookie, and is cleared with the others (log-out, failed refresh, a request with a revoked session).
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, register, type TestApp } from './test/harness.ts';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp();
  await register(t.app, 'ana');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

/** Set-Cookie lines by cookie name, attributes lower-cased and sorted. */
function cookiesOf(lines: string[]) {
  const out = new Map<string, { value: string; attributes: string[] }>();
  for (const line of lines) {
    const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
    const at = pair.indexOf('=');
    out.set(pair.slice(0, at), { value: pair.slice(at + 1), attributes: attributes.map((a) => a.toLowerCase()).sort() });
  }
  return out;
}

const post = (path: string, body: unknown, cookie?: string) =>
  fetch(`${base}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie, origin: base } : {}) }, body: JSON.stringify(body) });
const cookieHeader = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const isCleared = (c: { value: string; attributes: string[] } | undefined) =>
  c !== undefined && c.value === '' && c.attributes.some((a) => a === 'max-age=0' || a.startsWith('expires=thu, 01 jan 1970'));

describe('session cookies on the wire', () => {
  it('signing in sets the readable flag beside the HttpOnly tokens, on the fast path and through Fastify alike', async () => {
    const ttl = t.deps.tokens.sessionTtlSeconds;
    const viaSocket = cookiesOf((await post('auth.login', { login: 'ana', password: PASSWORD })).headers.getSetCookie());
    const viaFastify = await t.app.inject({ method: 'POST', url: '/trpc/auth.login', payload: { login: 'ana', password: PASSWORD } });
    for (const cookies of [viaSocket, cookiesOf(viaFastify.headers['set-cookie'] as string[])]) {
      expect(cookies.get('veza_session')).toEqual({ value: '1', attributes: [`max-age=${ttl}`, 'path=/', 'samesite=lax'] });
      expect(cookies.get('veza_rt')?.attributes).toContain(`max-age=${ttl}`);
      expect(cookies.get('veza_rt')?.attributes).toContain('httponly');
      expect(cookies.get('veza_at')?.attributes).toContain('httponly');
    }
  });

  it('logging out clears the flag', async () => {
    const login = await post('auth.login', { login: 'ana', password: PASSWORD });
    const out = cookiesOf((await post('auth.logout', {}, cookieHeader(login))).headers.getSetCookie());
    expect(isCleared(out.get('veza_session'))).toBe(true);
    expect(isCleared(out.get('veza_rt'))).toBe(true);
  });

  it('a request with a revoked session is refused and clears the flag and the tokens', async () => {
    const laptop = cookieHeader(await post('auth.login', { login: 'ana', password: PASSWORD }));
    const phone = cookieHeader(await post('auth.login', { login: 'ana', password: PASSWORD }));
    expect((await post('auth.sessions.revokeOthers', {}, phone)).status).toBe(200);
    const me = await fetch(`${base}/trpc/auth.me`, { headers: { cookie: laptop } });
    expect(me.status).toBe(401);
    const cleared = cookiesOf(me.headers.getSetCookie());
    for (const name of ['veza_session', 'veza_at', 'veza_rt']) expect(isCleared(cleared.get(name)), name).toBe(true);
  });

  it('a failed refresh clears the flag', async () => {
    const res = await post('auth.refresh', {}, 'veza_rt=unknown; veza_session=1');
    expect(res.status).toBe(401);
    expect(isCleared(cookiesOf(res.headers.getSetCookie()).get('veza_session'))).toBe(true);
  });
});
