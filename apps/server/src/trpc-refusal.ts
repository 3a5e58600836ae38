// The answer to a procedure that needs a signed-in caller, called with no credentials at all (no Authorization
// header, no session cookie): always the same bytes for a given procedure, because its sign-in check runs before
// anything else (signInFirstProcedures, derived from the router). It is computed once at start-up by tRPC's own
// machinery (resolvePlainCalls with a context without a viewer), so the fast answer is tRPC's answer: status,
// error shape, data.path. trpc-http.ts sends it without building a context, running middlewares or constructing
// an error; the call is still counted (veza_trpc_calls_total{code="UNAUTHORIZED"}).
import { ACCESS_COOKIE, createContext, signInFirstProcedures, type ApiDeps, type CookieJar } from '@veza/api';
import { resolvePlainCalls } from './trpc-resolve.ts';

export interface Refusal {
  type: 'query' | 'mutation';
  status: number;
  /** A string: sent in the same write as the headers (trpc-http.ts). */
  body: string;
}

/** Procedure path → tRPC's answer to calling it without credentials. */
export async function precomputeRefusals(deps: ApiDeps): Promise<ReadonlyMap<string, Refusal>> {
  // Computing the answers is not a call: nothing is counted or traced.
  const quiet: ApiDeps = { ...deps, metrics: undefined, tracer: undefined };
  const refusals = new Map<string, Refusal>();
  for (const [path, type] of signInFirstProcedures()) {
    const answer = await resolvePlainCalls(
      { isBatch: false, paths: [path], types: [type], inputs: {} },
      {
        createContext: () => createContext(quiet, { authorization: undefined, cookies: null, meta: { ip: null, userAgent: null } }),
        signal: new AbortController().signal,
        onError: () => undefined,
      },
    );
    // Anything but the sign-in refusal is left to tRPC on every call.
    if (answer.status === 401) refusals.set(path, { type, status: answer.status, body: answer.body });
  }
  return refusals;
}

/** True when the request carries no credential resolveViewer would look at. */
export const withoutCredentials = (authorization: string | undefined, cookies: CookieJar | null) =>
  authorization === undefined && !cookies?.get(ACCESS_COOKIE);
