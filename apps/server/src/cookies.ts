import type { CookieJar } from '@veza/api';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The session cookies of an HTTP request: httpOnly (but the non-secret session flag), whole-site, `Secure` behind HTTPS. */
export function replyCookieJar(req: FastifyRequest, reply: FastifyReply, secure: boolean): CookieJar {
  return {
    get: (name) => req.cookies[name],
    set(name, value, { maxAgeSeconds, sameSite, httpOnly = true }) {
      reply.setCookie(name, value, { httpOnly, path: '/', sameSite, secure, maxAge: maxAgeSeconds });
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

/** Parses and writes cookie headers (the app's @fastify/cookie: `app.parseCookie`, `app.serializeCookie`). */
export interface CookieCodec {
  parse(header: string): Record<string, string | undefined>;
  serialize(name: string, value: string, options: CookieAttributes): string;
}
export interface CookieAttributes {
  httpOnly: boolean;
  path: string;
  sameSite: 'strict' | 'lax';
  secure: boolean;
  maxAge: number;
  expires?: Date;
}

/**
 * The session cookies of a request handled outside Fastify (tRPC's HTTP fast path), with the same attributes as
 * replyCookieJar. The Cookie header is parsed only if a procedure reads it; `setCookies()` lists the Set-Cookie
 * values to send (the last write per name wins, as with Fastify).
 */
export function rawCookieJar(header: string | undefined, secure: boolean, codec: CookieCodec): { jar: CookieJar; setCookies(): string[] } {
  let parsed: Record<string, string | undefined> | null = null;
  const written = new Map<string, string>();
  return {
    jar: {
      get(name) {
        if (!header) return undefined;
        parsed ??= codec.parse(header);
        return parsed[name];
      },
      set(name, value, { maxAgeSeconds, sameSite, httpOnly = true }) {
        written.set(name, codec.serialize(name, value, { httpOnly, path: '/', sameSite, secure, maxAge: maxAgeSeconds }));
      },
      clear(name) {
        written.set(name, codec.serialize(name, '', { httpOnly: true, path: '/', sameSite: 'lax', secure, maxAge: 0, expires: new Date(0) }));
      },
    },
    setCookies: () => [...written.values()],
  };
}
