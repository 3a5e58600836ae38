import type { CookieJar } from '@veza/api';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The session cookies of an HTTP request: httpOnly, whole-site, `Secure` behind HTTPS. */
export function replyCookieJar(req: FastifyRequest, reply: FastifyReply, secure: boolean): CookieJar {
  return {
    get: (name) => req.cookies[name],
    set(name, value, { maxAgeSeconds, sameSite }) {
      reply.setCookie(name, value, { httpOnly: true, path: '/', sameSite, secure, maxAge: maxAgeSeconds });
    },
    clear(name) {
      reply.clearCookie(name, { httpOnly: true, path: '/', secure });
    },
  };
}

/** Cookies that can be read but not written: WebSocket upgrades and routes that never change the session. */
export function readOnlyCookieJar(cookies: Record<string, string | undefined>): CookieJar {
  return {
    get: (name) => cookies[name],
    set() {},
    clear() {},
  };
}
