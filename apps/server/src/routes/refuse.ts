// Early answers of the upload routes (401, 403, 404, 413, 415, 429…), often sent before the body is read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../http-errors.ts';

/** At most this much of a refused body is read and thrown away after the answer… */
export const DRAIN_MAX_BYTES = 8 * 1024 * 1024;
/** …for at most this long; then the connection is closed whatever is left. */
export const DRAIN_MAX_MS = 5_000;

/** True when no body bytes are coming: none announced, or the client waits for `100 Continue` it will not get. */
function noBodyComing(req: IncomingMessage): boolean {
  if (req.complete || req.readableEnded) return true;
  if (req.headers.expect?.toLowerCase() === '100-continue') return true;
  const length = req.headers['content-length'];
  return (length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined;
}

/**
 * Sends the whole answer (with `Connection: close`) at once, then keeps reading and discarding what the client is
 * still sending, up to `DRAIN_MAX_BYTES` / `DRAIN_MAX_MS`, and only then ends the response (Node closes the socket
 * when a `Connection: close` response ends). Closing with unread bytes makes the kernel reset the connection: a
 * client still writing its body would get EPIPE or ECONNRESET, often before it has read the answer.
 */
export function answerThenDrain(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string | number | string[] | undefined>,
  payload: unknown,
) {
  const body = Buffer.from(JSON.stringify(payload));
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length), connection: 'close' });
  // A parser (multipart) may still be attached: from now on the bytes go nowhere.
  req.unpipe();
  if (noBodyComing(req)) {
    res.end(body);
    return;
  }
  res.write(body);
  let drained = 0;
  const finish = () => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', finish);
    req.off('close', finish);
    if (!res.writableEnded) res.end();
  };
  const onData = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) finish();
  };
  const timer = setTimeout(finish, DRAIN_MAX_MS);
  req.on('data', onData);
  req.once('end', finish);
  req.once('close', finish);
  req.resume();
}

/** `answerThenDrain` for a Fastify route or hook: the reply is taken over, with the headers already set on it. */
export function refuseUpload(req: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string) {
  const headers = reply.getHeaders();
  // Fastify's onSend hooks do not run for a reply taken over: say here that CORS made the answer depend on Origin.
  if (headers['access-control-allow-origin'] !== undefined) headers.vary = 'Origin';
  reply.hijack();
  answerThenDrain(req.raw, reply.raw, status, headers, errorBody(code, message));
  return reply;
}
