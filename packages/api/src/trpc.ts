import { getTRPCErrorFromUnknown, initTRPC, TRPCError } from '@trpc/server';
import type { UserRole } from '@veza/db';
import { z, ZodError } from 'zod';
import type { Context } from './context.ts';
import { DomainError, RateLimitedError, stepUpRequired } from './errors.ts';
import { countWhileActive, yieldsEvents } from './observability/observe.ts';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let fieldErrors: Record<string, string[] | undefined> | null = null;
    let reason: string | null = null;
    let retryAfterSeconds: number | null = null;
    let message = shape.message;
    if (cause instanceof ZodError) {
      const flat = z.flattenError(cause);
      fieldErrors = flat.fieldErrors;
      message = flat.formErrors[0] ?? cause.issues[0]?.message ?? 'Invalid input.';
    } else if (cause instanceof DomainError) {
      fieldErrors = cause.fieldErrors ?? null;
      reason = cause.reason ?? null;
      if (cause instanceof RateLimitedError) retryAfterSeconds = cause.retryAfterSeconds;
    } else if (error.code === 'INTERNAL_SERVER_ERROR') {
      message = 'Something went wrong on our side. Please try again.';
    }
    return { ...shape, message, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, fieldErrors, reason, retryAfterSeconds } };
  },
});

const toTRPCError = (cause: DomainError) => new TRPCError({ code: cause.code, message: cause.message, cause });

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * A subscription's events with its domain errors mapped: a generator that throws `notFound` while being
 * iterated ends the subscription with NOT_FOUND, like a query would, not with an internal error.
 * `yield*` forwards `return()` (the client unsubscribing) to the source, so its cleanup still runs.
 */
async function* mapIterationErrors<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, unknown> {
  try {
    yield* source;
  } catch (error) {
    if (error instanceof DomainError) throw toTRPCError(error);
    if (error instanceof TRPCError && error.cause instanceof DomainError) throw toTRPCError(error.cause);
    throw error;
  }
}

type CallResult = { ok: true; data: unknown } | { ok: false; error: TRPCError };
type CallType = 'query' | 'mutation' | 'subscription';

/** The one place domain errors become tRPC errors, for queries, mutations and subscriptions alike. */
function mapDomainErrors<R extends CallResult>(result: R, type: CallType): R {
  if (!result.ok) return result.error.cause instanceof DomainError ? { ...result, error: toTRPCError(result.error.cause) } : result;
  if (type === 'subscription' && isAsyncIterable(result.data)) return { ...result, data: mapIterationErrors(result.data) };
  return result;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Runs a call (`run`: the rest of the chain, or a refusal it throws) with its domain errors mapped, timed and
 * counted by outcome (`ctx.deps.metrics`), inside a span when tracing is on; active subscriptions are counted while
 * they stream. One middleware level rather than one per concern: tRPC copies the call's options and context at each
 * level, which was a fifth of a cached `auth.me`.
 */
async function observe<R extends CallResult>(ctx: Context, path: string, type: CallType, run: () => Promise<R>): Promise<R> {
  const { metrics, tracer } = ctx.deps;
  if (!metrics && !tracer) return mapDomainErrors(await run(), type);
  const started = performance.now();
  const work = async (): Promise<R | { thrown: TRPCError }> => {
    try {
      return mapDomainErrors(await run(), type);
    } catch (cause) {
      return { thrown: getTRPCErrorFromUnknown(cause) };
    }
  };
  const outcome = tracer
    ? await tracer.inSpan(`trpc ${path}`, { 'rpc.system': 'trpc', 'rpc.method': path, 'trpc.type': type }, work, (r) => ('thrown' in r ? r.thrown.code : r.ok ? null : r.error.code))
    : await work();
  const code = 'thrown' in outcome ? outcome.thrown.code : outcome.ok ? null : outcome.error.code;
  metrics?.trpcCall(path, type, code, (performance.now() - started) / 1000);
  if ('thrown' in outcome) throw outcome.thrown;
  if (metrics && outcome.ok && type === 'subscription' && yieldsEvents(outcome.data)) {
    return { ...outcome, data: countWhileActive(outcome.data, (delta) => metrics.subscriptionActive(path, delta)) };
  }
  return outcome;
}

export const publicProcedure = t.procedure.use(({ ctx, path, type, next }) => observe(ctx, path, type, () => next()));

/** Signed in: the sign-in check runs inside the same (observed, error-mapping) middleware level as publicProcedure's. */
export const authedProcedure = t.procedure.use(({ ctx, path, type, next }) =>
  observe(ctx, path, type, () => {
    const viewer = ctx.viewer;
    if (!viewer) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in to continue.' });
    return next({ ctx: { viewer } });
  }),
);

/** Signed in with one of these roles (admins pass every gate). */
export const roleProcedure = (...roles: UserRole[]) =>
  authedProcedure.use(({ ctx, next }) => {
    if (ctx.viewer.role !== 'admin' && !roles.includes(ctx.viewer.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Your account does not have access to this.' });
    }
    return next();
  });

/** Moderators and admins (account suspension, user lists). */
export const moderatorProcedure = roleProcedure('moderator');
/** Admins only (roles, audit trail, dev mailbox). */
export const adminProcedure = roleProcedure('admin');

/** Sensitive actions (2FA, email, password, deletion, passkeys, linked accounts): a recent sign-in or step-up is required. */
export const elevatedProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer.elevatedUntil || ctx.viewer.elevatedUntil.getTime() <= Date.now()) throw stepUpRequired();
  return next();
});
