// Chat images (issue 10). POST /api/chat/attachments: one image as multipart/form-data (field `file`), at most
// 10 MB, from the app's origin, signed in; answers 201 `{ attachmentId, width, height, mime, bytes, url }`, the
// viewer's unsent upload for `chat.messages.send`. What can be refused from the headers (origin, sign-in, type,
// announced length, the per-user rate limit: a burst of 10 then 1 a second, 429 with Retry-After) is refused before
// the body is read; a body that passes the limit stops being stored at the limit
// and is answered 413 at once (the rest is drained, bounded, then the connection closed: see refuse.ts).
// GET/HEAD /api/chat/attachments/:id: the image, to the room's readers only (its uploader before it is sent);
// 404 for anyone else, so images of private rooms never leak. Objects never change under their id: cached privately.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CHAT_IMAGE_TOO_LARGE_MESSAGE, chatImageSource, DomainError, httpStatusOf, RateLimitedError, resolveViewer, uploadChatImage, type ApiDeps, type Viewer } from '@veza/api';
import { CHAT_IMAGE_MAX_BYTES } from '@veza/validators';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readOnlyCookieJar } from '../cookies.ts';
import type { Config } from '../env.ts';
import { errorBody, isSystemError } from '../http-errors.ts';
import { originAllowed } from '../origin.ts';
import { refuseUpload } from './refuse.ts';
import { serveStored } from './serve-object.ts';

export const CHAT_ATTACHMENTS_PATH = '/api/chat/attachments';
/** Room for the multipart boundary and part headers on top of the image itself. */
export const MULTIPART_OVERHEAD = 16 * 1024;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const CHOOSE_IMAGE = 'Send the image as multipart/form-data with a "file" field.';

export type Rejected = { kind: 'rejected'; status: number; code: string; message: string };
export type Received = { kind: 'file'; sizeBytes: number } | Rejected;
export const rejected = (status: number, code: string, message: string): Rejected => ({ kind: 'rejected', status, code, message });
const tooLarge = () => rejected(413, 'PAYLOAD_TOO_LARGE', CHAT_IMAGE_TOO_LARGE_MESSAGE);

/**
 * Streams the `file` part to `tempPath`, stopping as soon as it passes the limit. Other fields are ignored. Also
 * takes room icons in (room-icons.ts), which go through the same checks.
 */
export async function receiveImage(req: FastifyRequest, tempPath: string): Promise<Received> {
  const parts = req.parts({ limits: { fileSize: CHAT_IMAGE_MAX_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 6 } });
  for await (const part of parts) {
    if (part.type !== 'file') continue;
    if (part.fieldname !== 'file') return rejected(400, 'BAD_REQUEST', CHOOSE_IMAGE);
    let over = false;
    part.file.once('limit', () => {
      over = true;
      part.file.destroy();
    });
    try {
      await pipeline(part.file, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      if (!over) throw error;
    }
    if (over || part.file.truncated) return tooLarge();
    const { size } = await stat(tempPath);
    if (size === 0) return rejected(400, 'BAD_REQUEST', 'This file is empty.');
    return { kind: 'file', sizeBytes: size };
  }
  return rejected(400, 'BAD_REQUEST', CHOOSE_IMAGE);
}

/** An upload's end: stored (the domain's answer) or refused. */
export type Outcome = Rejected | { kind: 'stored'; body: unknown };

/**
 * Receives one image of a multipart upload into a temporary file under `tmpDir` and hands it to `store` (the
 * domain's checks and storage: chat images, room icons). A malformed upload and the domain's refusals come back as
 * `Rejected`; anything else is thrown. The temporary file is gone before this returns, whatever happened: once the
 * client has its answer, nothing of the upload is left in tmp.
 */
export async function receiveAndStore(
  req: FastifyRequest,
  tmpDir: string,
  store: (file: { tempPath: string; sizeBytes: number }) => Promise<unknown>,
): Promise<Outcome> {
  await mkdir(tmpDir, { recursive: true });
  const tempPath = join(tmpDir, randomUUID());
  try {
    let received: Received;
    try {
      received = await receiveImage(req, tempPath);
    } catch (error) {
      if (isSystemError(error)) throw error;
      req.log.info({ err: error }, 'image upload rejected while parsing');
      return rejected(400, 'BAD_REQUEST', 'The upload was interrupted or malformed. Send one image per upload.');
    }
    if (received.kind === 'rejected') return received;
    try {
      return { kind: 'stored', body: await store({ tempPath, sizeBytes: received.sizeBytes }) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return rejected(httpStatusOf(error), error.code, error.message);
    }
  } finally {
    await rm(tempPath, { force: true });
  }
}

export function chatAttachmentRoutes(app: FastifyInstance, { deps, config }: { deps: ApiDeps; config: Config }) {
  const tmpDir = join(config.dataDir, 'tmp');
  const viewers = new WeakMap<FastifyRequest, Viewer>();
  const viewerOf = (req: FastifyRequest) => resolveViewer(deps, req.headers.authorization, readOnlyCookieJar(req.cookies));

  app.post(
    CHAT_ATTACHMENTS_PATH,
    {
      async onRequest(req, reply) {
        if (!originAllowed(config, req.headers)) return refuseUpload(req, reply, 403, 'FORBIDDEN', 'Uploads are only accepted from the Veza app.');
        const viewer = await viewerOf(req);
        if (!viewer) return refuseUpload(req, reply, 401, 'UNAUTHORIZED', 'Please sign in to share an image.');
        if (!req.headers['content-type']?.toLowerCase().startsWith('multipart/form-data')) {
          return refuseUpload(req, reply, 415, 'UNSUPPORTED_MEDIA_TYPE', CHOOSE_IMAGE);
        }
        const length = Number(req.headers['content-length']);
        if (Number.isFinite(length) && length > CHAT_IMAGE_MAX_BYTES + MULTIPART_OVERHEAD) {
          return refuseUpload(req, reply, 413, 'PAYLOAD_TOO_LARGE', CHAT_IMAGE_TOO_LARGE_MESSAGE);
        }
        // Counted last, so only an upload that would otherwise be read counts; one that passes here is processed to
        // the end, whatever comes after it.
        try {
          await deps.limits.chat.consume('image', viewer.id);
        } catch (error) {
          if (!(error instanceof RateLimitedError)) throw error;
          reply.header('retry-after', String(error.retryAfterSeconds));
          return refuseUpload(req, reply, 429, error.code, error.message);
        }
        viewers.set(req, viewer);
      },
    },
    async (req, reply) => {
      const viewer = viewers.get(req);
      if (!viewer) return refuseUpload(req, reply, 401, 'UNAUTHORIZED', 'Please sign in to share an image.');
      const outcome = await receiveAndStore(req, tmpDir, (file) => uploadChatImage({ deps, em: deps.db.fork() }, viewer, file));
      if (outcome.kind === 'stored') return reply.code(201).send(outcome.body);
      return refuseUpload(req, reply, outcome.status, outcome.code, outcome.message);
    },
  );

  app.route({
    method: ['GET', 'HEAD'],
    url: `${CHAT_ATTACHMENTS_PATH}/:id`,
    async handler(req: FastifyRequest<{ Params: { id: string } }>, reply) {
      const notFound = () => reply.code(404).send(errorBody('NOT_FOUND', 'Image not found.'));
      if (!UUID.test(req.params.id)) return notFound();
      const viewer = await viewerOf(req);
      let source;
      try {
        source = await chatImageSource({ deps, em: deps.db.fork() }, viewer, req.params.id);
      } catch (error) {
        if (error instanceof DomainError) return reply.code(httpStatusOf(error)).send(errorBody(error.code, error.message));
        throw error;
      }
      const served = await serveStored(req, reply, deps.storage, source.key, {
        contentType: source.mime,
        // Who may see it depends on the session: never in a shared cache. The bytes under an id never change.
        cacheControl: 'private, max-age=31536000, immutable',
      });
      return served ? reply : notFound();
    },
  });
}
