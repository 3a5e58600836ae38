// The request a piece of work belongs to, across awaits (AsyncLocalStorage): its id reaches the jobs it queues,
// so the worker's log lines name the request that caused them.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface RequestScope {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestScope>();
const REQUEST_ID = Symbol('veza.requestId');
type WithId = IncomingMessage & { [REQUEST_ID]?: string };

/** A proxy's id is kept when it looks like one (UUIDs, hex, ULIDs, `host-123`…); anything else gets ours. */
const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Assigns the request's id once: a trusted proxy's `x-request-id` when sane, else a new UUID. */
export function assignRequestId(req: IncomingMessage, trustProxy: boolean): string {
  const withId = req as WithId;
  const existing = withId[REQUEST_ID];
  if (existing) return existing;
  const incoming = trustProxy ? req.headers['x-request-id'] : undefined;
  const id = typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
  withId[REQUEST_ID] = id;
  return id;
}

/** The id assigned by `assignRequestId` (Fastify's genReqId), or a new one for requests that bypassed it. */
export const requestIdOf = (req: IncomingMessage): string => (req as WithId)[REQUEST_ID] ?? assignRequestId(req, false);

export const runInRequest = <T>(scope: RequestScope, work: () => T): T => storage.run(scope, work);

/**
 * Re-enters the request's scope where a body parser's stream events may have lost it (callback-style hooks run
 * the handler synchronously after `done`, so it sees the scope).
 */
export function enterRequest(scope: RequestScope): void {
  if (storage.getStore()?.requestId !== scope.requestId) storage.enterWith(scope);
}

export const currentRequest = (): RequestScope | undefined => storage.getStore();
