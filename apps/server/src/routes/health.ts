// Liveness (the process answers) and readiness (the database answers and is fully migrated).
import type { Database } from '@veza/db';
import type { FastifyInstance } from 'fastify';

export function healthRoutes(app: FastifyInstance, { db, isClosing }: { db: Database; isClosing: () => boolean }) {
  app.get('/healthz', async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    if (isClosing()) return reply.code(503).send({ status: 'unavailable', reason: 'shutting down' });
    if (!(await db.ping())) return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    let pending: string[];
    try {
      pending = await db.pendingMigrations();
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'could not read the migration state' });
    }
    if (pending.length > 0) {
      return reply.code(503).send({ status: 'unavailable', reason: `${pending.length} pending migration(s)`, pending });
    }
    return reply.send({ status: 'ready' });
  });
}
