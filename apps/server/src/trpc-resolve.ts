// The plain tRPC HTTP call — queries by GET, mutations by POST, one or a batch, JSON in and one JSON document out —
// resolved with tRPC's own public pieces (callTRPCProcedure, getErrorShape, transformTRPCResponse,
// getHTTPStatusCode) and no fetch Request/Response around it: building and draining those cost a third of a small
// call. Everything else (unknown paths, wrong methods, subscriptions, streamed batches, malformed input, oversized
// batches) returns null, and trpc-http.ts hands it to tRPC's resolveResponse, which answers it as it always did.
import { callTRPCProcedure, getErrorShape, getTRPCErrorFromUnknown, transformTRPCResponse, type TRPCError } from '@trpc/server';
import { getHTTPStatusCode } from '@trpc/server/http';
import { appRouter, type Context } from '@veza/api';

type CallType = 'query' | 'mutation';

export interface PlainCalls {
  isBatch: boolean;
  paths: string[];
  types: CallType[];
  inputs: Record<number, unknown>;
}

const config = appRouter._def._config;
/** Each procedure's type by its dotted path (the router's flat map; lazy routers, if any appear, take the other path). */
const TYPES = new Map<string, string>();
for (const [path, procedure] of Object.entries(appRouter._def.procedures) as [string, unknown][]) {
  const type = (procedure as { _def?: { type?: unknown } } | null)?._def?.type;
  if (typeof type === 'string') TYPES.set(path, type);
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
    if (TYPES.get(p) !== wanted) return null;
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

/** Runs plain calls as resolveResponse would and answers tRPC's JSON (status, body). */
export async function resolvePlainCalls(calls: PlainCalls, { createContext, signal, onError }: ResolveOptions): Promise<{ status: number; body: string }> {
  let ctx: Context | undefined;
  let ctxError: unknown = null;
  try {
    ctx = await createContext();
  } catch (cause) {
    ctxError = cause;
  }
  const results = await Promise.all(
    calls.paths.map(async (path, index) => {
      const type = calls.types[index] as CallType;
      const input = calls.inputs[index];
      try {
        if (ctxError !== null) throw ctxError;
        const data: unknown = await callTRPCProcedure({ router: appRouter, path, type, ctx, getRawInput: async () => input, signal, batchIndex: index });
        return { result: { data } };
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        onError({ error, path, type });
        return { error: getErrorShape({ config, ctx, error, input, path, type }) };
      }
    }),
  );
  const status = getHTTPStatusCode(results);
  const body = JSON.stringify(transformTRPCResponse(config, calls.isBatch ? results : (results[0] as (typeof results)[number])));
  return { status, body };
}
