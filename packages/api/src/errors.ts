import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';

/**
 * Domain errors thrown by services. Only trpc.ts turns them into TRPCError codes; the HTTP
 * routes map them to statuses with `httpStatusOf`. Messages are written for people.
 */
export type DomainErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNPROCESSABLE_CONTENT'
  | 'TOO_MANY_REQUESTS';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Per-field messages shown beside form fields. */
  readonly fieldErrors: Record<string, string[]> | undefined;

  /** A machine-readable reason the client acts on (e.g. `step_up_required` opens the re-authentication dialog). */
  readonly reason: string | undefined;
  constructor(code: DomainErrorCode, message: string, fieldErrors?: Record<string, string[]>, reason?: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.reason = reason;
  }
}

/**
 * Over a rate limit: TOO_MANY_REQUESTS (reason `rate_limited`) with the seconds to wait, sent to clients as the
 * error's `data.retryAfterSeconds` and, on the tRPC HTTP path, as the `Retry-After` header (`retryAfterOf`).
 */
export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', message, undefined, 'rate_limited');
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

/**
 * The `Retry-After` seconds of an HTTP answer to `calls` tRPC calls (a batch or one): when every call was refused by a
 * rate limit, the longest wait; null otherwise (an answer with any other outcome in it carries no Retry-After).
 */
export function retryAfterOf(errors: readonly TRPCError[], calls: number): number | null {
  if (calls === 0 || errors.length !== calls) return null;
  let seconds = 0;
  for (const error of errors) {
    if (!(error.cause instanceof RateLimitedError)) return null;
    seconds = Math.max(seconds, error.cause.retryAfterSeconds);
  }
  return seconds;
}

/** Thrown when a sensitive action needs a recent sign-in or step-up. */
export const stepUpRequired = () =>
  new DomainError('FORBIDDEN', 'Please confirm it is you to continue.', undefined, 'step_up_required');

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found.`);
export const forbidden = (message = 'You are not allowed to do that.') => new DomainError('FORBIDDEN', message);
export const unauthorized = (message = 'Please sign in to continue.') => new DomainError('UNAUTHORIZED', message);

/** The HTTP status tRPC itself uses for the same code, for the plain HTTP routes. */
export const httpStatusOf = (error: DomainError) => getHTTPStatusCodeFromError(new TRPCError({ code: error.code }));
