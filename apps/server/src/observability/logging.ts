// Structured JSON logs (pino, through Fastify): a request id on every line of a request (`reqId`), echoed in the
// `x-request-id` response header; credentials never written (headers redacted, URL secrets masked).
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import { symbols, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { currentRequest, requestIdOf } from './request-context.ts';
import { safeUrl } from './routes.ts';

/** Paths redacted wherever they appear in a logged object (Fastify's req/res, errors carrying headers). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-metrics-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  'authorization',
  'cookie',
  'password',
  'token',
  'accessToken',
  'refreshToken',
];

/** What a request line says about the request: no headers, the URL without its secrets. */
function requestSerializer(req: { method?: string; url?: string; hostname?: string; ip?: string; id?: string }) {
  return { method: req.method, url: safeUrl(req.url), host: req.hostname, remoteAddress: req.ip };
}

/**
 * Lines written inside a request with a logger that is not the request's own (the tRPC and HLS fast paths, the api,
 * the mailer) get its id too; Fastify's per-request logger already carries it.
 */
function requestIdMixin(_merge: object, _level: number, logger: Logger): object {
  const scope = currentRequest();
  if (!scope) return {};
  const bindings = (logger as unknown as Record<symbol, string | undefined>)[symbols.chindingsSym];
  return bindings?.includes('"reqId"') ? {} : { reqId: scope.requestId };
}

export function loggerOptions(level: string, base?: Record<string, string>): LoggerOptions {
  return {
    level,
    mixin: requestIdMixin,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(base ? { base } : {}),
  };
}

/** Fastify's logger settings: pino options plus the request serializer and request ids (Fastify's `reqId` field). */
export function fastifyLogging(
  level: string,
  stream?: DestinationStream,
): Pick<FastifyServerOptions, 'genReqId'> & { logger: LoggerOptions & { stream?: DestinationStream } } {
  return {
    logger: { ...loggerOptions(level), serializers: { req: requestSerializer }, ...(stream && { stream }) },
    genReqId: (req: IncomingMessage) => requestIdOf(req),
  };
}
