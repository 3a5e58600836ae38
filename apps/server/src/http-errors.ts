import type { FastifyError, FastifyInstance } from 'fastify';

/** The one error body of the plain HTTP routes (tRPC has its own envelope). */
export const errorBody = (code: string, message: string) => ({ error: { code, message } });

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  416: 'RANGE_NOT_SATISFIABLE',
  429: 'TOO_MANY_REQUESTS',
};

/** Fastify's own errors (bad JSON, unknown content type, body too large) in the same shape; 5xx are logged and hidden. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      req.log.error({ err: error }, 'request failed');
      return reply.code(500).send(errorBody('INTERNAL_SERVER_ERROR', 'Something went wrong on our side. Please try again.'));
    }
    return reply.code(status).send(errorBody(CODES[status] ?? 'BAD_REQUEST', error.message));
  });
}

/** True for errors from the filesystem (disk full, permissions), as opposed to a malformed request. */
export const isSystemError = (error: unknown) =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
