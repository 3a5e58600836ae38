// POST /api/tracks: a multipart upload (`file`, optional `title`) streamed to a temp file, then
// handed to the tracks service. Bad input never reaches a 500 and never leaves a file behind.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createFromUpload, DomainError, httpStatusOf, resolveViewer, uploadTitle, type ApiDeps, type Viewer } from '@veza/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readOnlyCookieJar } from '../cookies.ts';
import type { Config } from '../env.ts';
import { isSystemError } from '../http-errors.ts';
import { removeStale } from '../stale.ts';
import { originAllowed } from '../origin.ts';
import { refuseUpload } from './refuse.ts';

/** Room for multipart boundaries, part headers and a title on top of the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;
const MAX_TITLE_BYTES = 1024;
const UPLOAD_PATH = '/api/tracks';

export const formatBytes = (bytes: number) => {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1 && value % 1024 === 0) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
};

/** Temp files left by a crash mid-upload (a finished upload always removes its own). */
export const removeStaleUploads = (dataDir: string, olderThanMs = 24 * 3600 * 1000) =>
  removeStale(join(dataDir, 'tmp'), olderThanMs, 'files');

export type Rejected = { kind: 'rejected'; status: number; code: string; message: string };
export type Received = { kind: 'file'; originalFilename: string; sizeBytes: number; title: string | undefined } | Rejected;
type Outcome = { kind: 'created'; id: string } | Rejected;

const rejected = (status: number, code: string, message: string): Rejected => ({ kind: 'rejected', status, code, message });

/** Reads the parts in order, streaming the first file part to `tempPath`; the title may come before or after it. */
export async function receive(req: FastifyRequest, tempPath: string, maxBytes: number): Promise<Received> {
  let file: { originalFilename: string } | null = null;
  let title: string | undefined;
  const parts = req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: MAX_TITLE_BYTES, parts: 8 } });
  for await (const part of parts) {
    if (part.type === 'file') {
      await pipeline(part.file, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
      if (part.file.truncated) {
        return rejected(413, 'PAYLOAD_TOO_LARGE', `This file is larger than the ${formatBytes(maxBytes)} limit.`);
      }
      file = { originalFilename: part.filename || 'audio' };
    } else if (part.fieldname === 'title') {
      if (part.valueTruncated) return rejected(400, 'BAD_REQUEST', 'The title is too long.');
      title = typeof part.value === 'string' ? part.value : undefined;
      // Checked as soon as it arrives: a title sent before the file is refused before the file is read.
      try {
        uploadTitle(title);
      } catch (error) {
        if (error instanceof DomainError) return rejected(httpStatusOf(error), error.code, error.message);
        throw error;
      }
    }
  }
  if (!file) return rejected(400, 'BAD_REQUEST', 'Choose an audio file to upload (multipart field "file").');
  const { size } = await stat(tempPath);
  if (size === 0) return rejected(400, 'BAD_REQUEST', 'This file is empty.');
  return { kind: 'file', originalFilename: file.originalFilename, sizeBytes: size, title };
}

export function uploadRoutes(app: FastifyInstance, { deps, config }: { deps: ApiDeps; config: Config }) {
  const tmpDir = join(config.dataDir, 'tmp');
  const viewers = new WeakMap<FastifyRequest, Viewer>();

  /** Refusals often go out before the body is read: the rest of it is drained (bounded), then the connection closed. */
  const refuse = refuseUpload;

  async function store(req: FastifyRequest, viewer: Viewer, tempPath: string): Promise<Outcome> {
    let received: Received;
    try {
      received = await receive(req, tempPath, config.maxUploadBytes);
    } catch (error) {
      if (isSystemError(error)) throw error;
      // Malformed multipart, a second file, too many fields or an aborted request: the client's doing.
      req.log.info({ err: error }, 'upload rejected while parsing');
      const tooMany = error instanceof Error && 'code' in error && String(error.code).endsWith('_LIMIT');
      return rejected(400, 'BAD_REQUEST', tooMany ? 'Send one audio file per upload.' : 'The upload was interrupted or malformed.');
    }
    if (received.kind === 'rejected') return received;
    try {
      const ctx = { deps, em: deps.db.fork(), viewer };
      const { id } = await createFromUpload(ctx, viewer, {
        tempPath,
        originalFilename: received.originalFilename,
        sizeBytes: received.sizeBytes,
        title: received.title,
      });
      return { kind: 'created', id };
    } catch (error) {
      if (error instanceof DomainError) return rejected(httpStatusOf(error), error.code, error.message);
      throw error;
    }
  }

  // Node answers `Expect: 100-continue` by itself unless someone listens; listening lets this route
  // refuse (401/413/415) before the client sends a byte of the body. Every other request continues at once.
  app.server.on('checkContinue', (req, res) => {
    if (!(req.method === 'POST' && req.url?.split('?')[0] === UPLOAD_PATH)) res.writeContinue();
    app.routing(req, res);
  });

  app.post(
    UPLOAD_PATH,
    {
      // Everything that can be decided from the headers is decided before a byte of the body is read.
      async onRequest(req, reply) {
        if (!originAllowed(config, req.headers)) {
          return refuse(req, reply, 403, 'FORBIDDEN', 'Uploads are only accepted from the Veza app.');
        }
        const viewer = await resolveViewer(deps, req.headers.authorization, readOnlyCookieJar(req.cookies));
        if (!viewer) return refuse(req, reply, 401, 'UNAUTHORIZED', 'Please sign in to upload.');
        if (!req.headers['content-type']?.toLowerCase().startsWith('multipart/form-data')) {
          return refuse(req, reply, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the upload as multipart/form-data with a "file" field.');
        }
        const length = Number(req.headers['content-length']);
        if (Number.isFinite(length) && length > config.maxUploadBytes + MULTIPART_OVERHEAD) {
          return refuse(req, reply, 413, 'PAYLOAD_TOO_LARGE', `This file is larger than the ${formatBytes(config.maxUploadBytes)} limit.`);
        }
        viewers.set(req, viewer);
        if (req.headers.expect?.toLowerCase() === '100-continue') reply.raw.writeContinue();
      },
    },
    async (req, reply) => {
      const viewer = viewers.get(req);
      if (!viewer) return refuse(req, reply, 401, 'UNAUTHORIZED', 'Please sign in to upload.');
      await mkdir(tmpDir, { recursive: true });
      const tempPath = join(tmpDir, randomUUID());
      let outcome: Outcome;
      try {
        outcome = await store(req, viewer, tempPath);
      } finally {
        // Before answering: once the client has its response, nothing of the upload is left in tmp.
        await rm(tempPath, { force: true });
      }
      if (outcome.kind === 'created') return reply.code(201).send({ id: outcome.id });
      return refuse(req, reply, outcome.status, outcome.code, outcome.message);
    },
  );
}
