// The plain tRPC HTTP call — queries by GET, mutations by POST, one or a batch, JSON in and one JSON document out —
// resolved with tRPC's own public pieces (getErrorShape, getHTTPStatusCode, the router's transformer) and its
// procedures' middleware chains (runChain below) and no fetch Request/Response around it: building and draining those
// cost a third of a small call. Everything else (unknown paths, wrong methods, subscriptions, streamed batches, malformed input, oversized
// batches) returns null, and trpc-http.ts hands it to tRPC's resolveResponse, which answers it as it always did.
import { getErrorShape, getTRPCErrorFromUnknown, TRPCError } from '@trpc/server';
import { getHTTPStatusCode } from '@trpc/server/http';
import { appRouter, retryAfterOf, type Context } from '@veza/api';

type CallType = 'query' | 'mutation';

export interface PlainCalls {
  isBatch: boolean;
  paths: string[];
  types: CallType[];
  inputs: Record<number, unknown>;
}

const config = appRouter._def._config;
const serialize = (value: unknown): unknown => config.transformer.output.serialize(value);

/** What tRPC 11 passes to each middleware of a procedure (its own fields plus those of the call). */
interface MiddlewareOptions {
  ctx: unknown;
  input: unknown;
  getRawInput: () => Promise<unknown>;
  [key: string]: unknown;
}
type MiddlewareResult = { ok: true; data: unknown } | { ok: false; error: TRPCError };
interface ProcedureDef {
  type: string;
  meta: unknown;
  middlewares: ((opts: MiddlewareOptions) => Promise<MiddlewareResult>)[];
}
/** Each procedure's definition by its dotted path (the router's flat map; lazy routers, if any appear, take the other path). */
const DEFS = new Map<string, ProcedureDef>();
for (const [path, procedure] of Object.entries(appRouter._def.procedures) as [string, unknown][]) {
  const def = (procedure as { _def?: Partial<ProcedureDef> } | null)?._def;
  if (typeof def?.type === 'string' && Array.isArray(def.middlewares)) DEFS.set(path, def as ProcedureDef);
}

/**
 * A procedure's middleware chain run as tRPC 11's procedure caller runs it (same options to each middleware, same
 * `next` overrides of ctx, input and getRawInput, a throw becomes an error result, an error result is thrown), with
 * native object spreads: tRPC's bundled spread helper (defineProperty per key, four copies per level) was a tenth
 * of a cached `auth.me`. The definitions are the router's own (`_def.middlewares`, as refusals.ts reads them).
 */
async function runChain(def: ProcedureDef, index: number, opts: MiddlewareOptions): Promise<MiddlewareResult> {
  try {
    const middleware = def.middlewares[index];
    if (!middleware) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'No middleware left: the procedure has no resolver.' });
    return await middleware({
      ...opts,
      meta: def.meta,
      input: opts.input,
      next(nextOpts?: { ctx?: object; input?: unknown; getRawInput?: () => Promise<unknown> }) {
        return runChain(def, index + 1, {
          ...opts,
          ctx: nextOpts?.ctx ? { ...(opts.ctx as object), ...nextOpts.ctx } : opts.ctx,
          input: nextOpts && 'input' in nextOpts ? nextOpts.input : opts.input,
          getRawInput: nextOpts?.getRawInput ?? opts.getRawInput,
        });
      },
    });
  } catch (cause) {
    return { ok: false, error: getTRPCErrorFromUnknown(cause) };
  }
}

async function callProcedure(def: ProcedureDef, opts: MiddlewareOptions): Promise<unknown> {
  const result = (await runChain(def, 0, opts)) as MiddlewareResult | undefined;
  if (!result) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'No result from middlewares - did you forget to `return next()`?' });
  if (!result.ok) throw result.error;
  return result.data;
}

/**
 * The calls of a request when it is a plain one (see above), else null. `path` is the decoded procedure path(s);
 * `search` the query string; `body` the POST body.
 */
export function plainCalls(method: string, path: string, search: URLSearchParams, body: Buffer | undefined, headers: { accept?: string | undefined; trpcAccept?: string | undefined }, maxBatchSize: number): PlainCalls | null {
  if (headers.trpcAccept !== undefined || headers.accept?.includes('text/event-stream')) return null;
  const isBatch = search.get('batch') === '1';
  const paths = isBatch ? path.split(',') : [path];
  if (paths.length > maxBatchSize) return null;
  const wanted: CallType = method === 'POST' ? 'mutation' : 'query';
  const types: CallType[] = [];
  for (const p of paths) {
    if (DEFS.get(p)?.type !== wanted) return null;
    types.push(wanted);
  }
  let parsed: unknown;
  try {
    const text = method === 'GET' ? search.get('input') : body && body.byteLength > 0 ? body.toString() : null;
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    return null;
  }
  const deserialize = (value: unknown): unknown => config.transformer.input.deserialize(value);
  const inputs: Record<number, unknown> = {};
  if (parsed !== undefined) {
    if (!isBatch) inputs[0] = deserialize(parsed);
    else {
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
      const all = parsed as Record<string, unknown>;
      for (let i = 0; i < paths.length; i++) if (all[i] !== undefined) inputs[i] = deserialize(all[i]);
    }
  }
  return { isBatch, paths, types, inputs };
}

export interface ResolveOptions {
  createContext: () => Promise<Context>;
  signal: AbortSignal;
  onError: (opts: { error: TRPCError; path: string; type: CallType }) => void;
}

/** Runs plain calls as resolveResponse would and answers tRPC's JSON (status, body, and `Retry-After` seconds as responseMeta sets it). */
export async function resolvePlainCalls(calls: PlainCalls, { createContext, signal, onError }: ResolveOptions): Promise<{ status: number; body: string; retryAfter: number | null }> {
  let ctx: Context | undefined;
  let ctxError: unknown = null;
  try {
    ctx = await createContext();
  } catch (cause) {
    ctxError = cause;
  }
  const errors: TRPCError[] = [];
  const results = await Promise.all(
    calls.paths.map(async (path, index) => {
      const type = calls.types[index] as CallType;
      const input = calls.inputs[index];
      try {
        if (ctxError !== null) throw ctxError;
        const def = DEFS.get(path) as ProcedureDef;
        const data = await callProcedure(def, { router: appRouter, path, type, ctx, getRawInput: async () => input, input: undefined, signal, batchIndex: index });
        return { result: { data } };
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        onError({ error, path, type });
        errors.push(error);
        return { error: getErrorShape({ config, ctx, error, input, path, type }) };
      }
    }),
  );
  const status = getHTTPStatusCode(results);
  // Serialized with the router's transformer, as transformTRPCResponse does (without its object-spread helper).
  const items = results.map((item) => ('error' in item ? { error: serialize(item.error) } : { result: { data: serialize(item.result.data) } }));
  const body = JSON.stringify(calls.isBatch ? items : items[0]);
  return { status, body, retryAfter: retryAfterOf(errors, results.length) };
}
