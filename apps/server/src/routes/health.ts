// Liveness (the process answers) and readiness (the database answers and is fully migrated).
import type { Database } from '@veza/db';
import type { FastifyInstance } from 'fastify';

export type Readiness = { ready: true } | { ready: false; reason: string; pending?: string[] };

/** What /readyz answers (and the `veza_ready` gauge reports). */
export async function readiness(db: Database, isClosing: () => boolean): Promise<Readiness> {
  if (isClosing()) return { ready: false, reason: 'shutting down' };
  if (!(await db.ping())) return { ready: false, reason: 'database unreachable' };
  let pending: string[];
  try {
    pending = await db.pendingMigrations();
  } catch {
    return { ready: false, reason: 'could not read the migration state' };
  }
  if (pending.length > 0) return { ready: false, reason: `${pending.length} pending migration(s)`, pending };
  return { ready: true };
}

export function healthRoutes(app: FastifyInstance, { db, isClosing }: { db: Database; isClosing: () => boolean }) {
  app.get('/healthz', async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    const state = await readiness(db, isClosing);
    if (state.ready) return reply.send({ status: 'ready' });
    return reply.code(503).send({ status: 'unavailable', reason: state.reason, ...(state.pending && { pending: state.pending }) });
  });
}
