import type { AppRouter } from '@veza/api';
import { TRPCError, type AnyTRPCProcedure } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { createTRPCMsw, httpLink } from 'msw-trpc';

/**
 * msw-trpc matches `<baseUrl>/<path>` as an unanchored regular expression, so the default '/trpc'
 * matches both the browser's relative requests and absolute URLs in Node (`http://localhost/trpc/...`).
 * The web app's mock mode and tests use tRPC's `httpLink` (msw-trpc supports neither batching nor
 * WebSockets) and no transformer: plain JSON, like the real server.
 */
export const createTrpcMsw = (baseUrl = '/trpc') => createTRPCMsw<AppRouter>({ links: [httpLink({ url: baseUrl })] });

export const trpcMsw = createTrpcMsw();

type PathsOf<R, Prefix extends string = ''> = {
  [K in keyof R & string]: R[K] extends AnyTRPCProcedure ? `${Prefix}${K}` : PathsOf<R[K], `${Prefix}${K}.`>;
}[keyof R & string];

/** Every procedure path of the API, e.g. 'tracks.list'. */
export type ProcedurePath = PathsOf<AppRouter['_def']['record']>;

export type FieldErrors = Record<string, string[] | undefined>;

export const httpStatusOf = (code: TRPC_ERROR_CODE_KEY) => getHTTPStatusCodeFromError(new TRPCError({ code }));

/**
 * Thrown from msw-trpc handlers: msw-trpc copies the error's own fields into `error.data`, so the
 * response has the same shape as the real server's (`data.fieldErrors`, `data.code`, `data.httpStatus`).
 */
export class MockTrpcError extends Error {
  readonly code: TRPC_ERROR_CODE_KEY;
  readonly fieldErrors: FieldErrors | null;

  constructor(code: TRPC_ERROR_CODE_KEY, message: string, fieldErrors: FieldErrors | null = null) {
    super(message);
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

/** The JSON body of a non-batched tRPC error response, as the server formats it. */
export const trpcErrorBody = (path: string, code: TRPC_ERROR_CODE_KEY, message: string, fieldErrors: FieldErrors | null = null) => ({
  error: {
    message,
    code: TRPC_ERROR_CODES_BY_KEY[code],
    data: { code, httpStatus: httpStatusOf(code), path, fieldErrors },
  },
});
