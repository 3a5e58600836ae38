// /api/uploads: resumable uploads over the tus 1.0 protocol (@tus/server + @tus/file-store). Bytes stream to
// `<UPLOAD_DIR>/<id>` (default `<dataDir>/tmp/tus`) beside its `<id>.json` state: instances sharing that directory
// (a shared volume) continue each other's uploads; the details typed while one uploads are kept in the database
// (tracks.setUploadDetails). A finished upload goes through the same `createFromUpload` as POST /api/tracks.
// Auth, ownership, size and concurrency are decided here from the headers, before tus reads any of the body.
import type { IncomingMessage } from 'node:http';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server, Upload, type ServerOptions } from '@tus/server';
import {
  createFromUpload,
  DomainError,
  forgetUpload,
  httpStatusOf,
  removeExpiredUploads,
  resolveViewer,
  startUpload,
  type ApiDeps,
  type Viewer,
} from '@veza/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readOnlyCookieJar } from '../cookies.ts';
import type { Config } from '../env.ts';
import { errorBody } from '../http-errors.ts';
import { originAllowed } from '../origin.ts';
import { refuseUpload } from './refuse.ts';
import { formatBytes } from './upload.ts';

export const TUS_PATH = '/api/uploads';
/** Response header of the request that completes an upload: the new track's id. */
export const TRACK_ID_HEADER = 'Veza-Track-Id';
/** Unfinished uploads are dropped this long after they were created. */
export const TUS_EXPIRY_MS = 24 * 3600 * 1000;
/** Upload requests one user may have receiving bytes at once (a few parallel files, not a flood). */
export const MAX_UPLOADS_PER_USER = 4;
const CLEANUP_INTERVAL_MS = 3600 * 1000;
const RETRY_AFTER_SECONDS = 5;
/** Server-side metadata key: who created the upload. Whatever a client sends under it is overwritten. */
const OWNER_KEY = 'veza-owner';
const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };
const GENERIC_500 = JSON.stringify(errorBody('INTERNAL_SERVER_ERROR', 'Something went wrong on our side. Please try again.'));

type TusRequest = Parameters<NonNullable<ServerOptions['onUploadCreate']>>[0];

/** Counts requests that are receiving upload bytes, per user and in total. */
class InFlight {
  private total = 0;
  private readonly perUser = new Map<string, number>();
  private readonly maxTotal: number;
  private readonly maxPerUser: number;

  constructor(maxTotal: number, maxPerUser: number) {
    this.maxTotal = maxTotal;
    this.maxPerUser = maxPerUser;
  }

  /** Takes a slot, or returns null when either limit is reached; the release function is idempotent. */
  acquire(userId: string): (() => void) | null {
    const mine = this.perUser.get(userId) ?? 0;
    if (mine >= this.maxPerUser || this.total >= this.maxTotal) return null;
    this.total++;
    this.perUser.set(userId, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.perUser.get(userId) ?? 1) - 1;
      if (left > 0) this.perUser.set(userId, left);
      else this.perUser.delete(userId);
    };
  }
}

/**
 * A FileStore that keeps answering for an upload finished (and removed) during the current request:
 * tus's POST handler looks the upload up again after `onUploadFinish` when creation carried the whole file.
 */
class TrackUploadStore extends FileStore {
  readonly finished = new Map<string, Upload>();

  override async getUpload(id: string): Promise<Upload> {
    return this.finished.get(id) ?? super.getUpload(id);
  }
}

export async function tusRoutes(app: FastifyInstance, { deps, config }: { deps: ApiDeps; config: Config }) {
  const directory = config.uploadDir;
  await mkdir(directory, { recursive: true });
  const datastore = new TrackUploadStore({ directory, expirationPeriodInMilliseconds: TUS_EXPIRY_MS });
  const viewers = new WeakMap<IncomingMessage, Viewer>();
  const inFlight = new InFlight(config.maxConcurrentUploads, MAX_UPLOADS_PER_USER);
  const corsOrigin = (origin: string) => originAllowed(config, { origin });

  const viewerOf = (req: TusRequest): Viewer => {
    const raw = req.runtime?.node?.req;
    const viewer = raw && 'socket' in raw ? viewers.get(raw as IncomingMessage) : undefined;
    if (!viewer) throw { status_code: 401, body: JSON.stringify(errorBody('UNAUTHORIZED', 'Please sign in to upload.')) };
    return viewer;
  };

  /** The data file and its `.json` info file: whatever happened, nothing of a finished upload stays. */
  const removeUpload = async (id: string) => {
    await rm(join(directory, id), { force: true });
    await rm(join(directory, `${id}.json`), { force: true });
  };

  const tus = new Server({
    path: TUS_PATH,
    datastore,
    maxSize: config.maxUploadBytes,
    // `/api/uploads/<id>`: right behind any proxy, and tus clients resolve it against the endpoint.
    relativeLocation: true,
    allowedOrigins: corsOrigin,
    allowedCredentials: true,
    exposedHeaders: [TRACK_ID_HEADER],
    async onUploadCreate(req, upload) {
      const viewer = viewerOf(req);
      // The details sent along (title, tags, visibility) are checked and recorded in the database, where any instance
      // finds them and later edits join them (tracks.setUploadDetails); a bad one is refused before any byte is sent.
      try {
        await startUpload({ em: deps.db.fork() }, viewer, upload.id, upload.metadata ?? {});
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        throw { status_code: httpStatusOf(error), body: JSON.stringify(errorBody(error.code, error.message)) };
      }
      return { metadata: { ...upload.metadata, [OWNER_KEY]: viewer.id } };
    },
    async onUploadFinish(req, upload) {
      datastore.finished.set(upload.id, new Upload({ ...upload, offset: upload.size ?? upload.offset }));
      req.runtime?.node?.res?.once('close', () => datastore.finished.delete(upload.id));
      let created = false;
      try {
        const viewer = viewerOf(req);
        const metadata = upload.metadata ?? {};
        const { id } = await createFromUpload({ deps, em: deps.db.fork(), viewer }, viewer, {
          tempPath: join(directory, upload.id),
          originalFilename: metadata.filename ?? metadata.name ?? 'audio',
          sizeBytes: upload.size ?? upload.offset,
          title: metadata.title ?? undefined,
          uploadId: upload.id,
        });
        created = true;
        // 204 on PATCH (tus drops the body), 201 when the creation request carried the whole file.
        return { headers: { [TRACK_ID_HEADER]: id, ...JSON_HEADERS }, body: JSON.stringify({ id }) };
      } catch (error) {
        if (error instanceof DomainError) {
          return { status_code: httpStatusOf(error), headers: JSON_HEADERS, body: JSON.stringify(errorBody(error.code, error.message)) };
        }
        app.log.error({ err: error, uploadId: upload.id }, 'finishing a tus upload failed');
        return { status_code: 500, headers: JSON_HEADERS, body: GENERIC_500 };
      } finally {
        await removeUpload(upload.id);
        // Without a track, details sent later have nowhere to go: they are refused as for a missing upload.
        if (!created) await forgetUpload({ em: deps.db.fork() }, upload.id).catch((error: unknown) => app.log.error({ err: error }, 'forgetting a tus upload failed'));
      }
    },
    onResponseError(_req, error) {
      // tus's own protocol errors carry a status; anything else is ours and stays in the log.
      if ('status_code' in error) return undefined;
      app.log.error({ err: error }, 'tus request failed');
      return { status_code: 500, body: GENERIC_500 };
    },
  });

  const cleanUp = () =>
    Promise.all([
      tus.cleanUpExpiredUploads().then(
        (removed) => (removed > 0 ? app.log.info({ removed }, 'removed expired tus uploads') : undefined),
        (error: unknown) => app.log.error({ err: error }, 'cleaning up expired tus uploads failed'),
      ),
      // Their details (kept in the database for as long as an upload can live).
      removeExpiredUploads({ em: deps.db.fork() }, TUS_EXPIRY_MS).catch((error: unknown) =>
        app.log.error({ err: error }, 'cleaning up expired upload details failed'),
      ),
    ]);
  await cleanUp();
  const timer = setInterval(() => void cleanUp(), CLEANUP_INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  /** Early answers in the app's error shape, before tus reads the body: the rest of it is drained (bounded), then the connection closed. */
  const refuse = (req: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string) => {
    const origin = req.headers.origin;
    if (origin && corsOrigin(origin)) {
      reply.header('access-control-allow-origin', origin).header('access-control-allow-credentials', 'true');
    }
    reply.header('tus-resumable', '1.0.0');
    return refuseUpload(req, reply, status, code, message);
  };

  const ownerOf = async (id: string): Promise<string | null> => {
    try {
      const upload: Upload = await datastore.getUpload(id);
      return upload.metadata?.[OWNER_KEY] ?? null;
    } catch {
      return null;
    }
  };

  await app.register(async (scope) => {
    // tus reads the raw request itself: no body parser may touch it.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));

    const handler = async (req: FastifyRequest<{ Params: { id?: string } }>, reply: FastifyReply) => {
      let release: (() => void) | null = null;
      // Preflights carry no credentials; tus answers them with the CORS headers.
      if (req.method !== 'OPTIONS') {
        if (!originAllowed(config, req.headers)) return refuse(req, reply, 403, 'FORBIDDEN', 'Uploads are only accepted from the Veza app.');
        const viewer = await resolveViewer(deps, req.headers.authorization, readOnlyCookieJar(req.cookies));
        if (!viewer) return refuse(req, reply, 401, 'UNAUTHORIZED', 'Please sign in to upload.');

        const id = req.params.id;
        if (id !== undefined && (await ownerOf(id)) !== viewer.id) {
          // Someone else's upload looks exactly like a missing one.
          return refuse(req, reply, 404, 'NOT_FOUND', 'No such upload: it may have expired. Start the upload again.');
        }
        if (req.method === 'POST') {
          const length = req.headers['upload-length'];
          if (typeof length === 'string' && /^\d+$/.test(length)) {
            if (Number(length) > config.maxUploadBytes) {
              return refuse(req, reply, 413, 'PAYLOAD_TOO_LARGE', `This file is larger than the ${formatBytes(config.maxUploadBytes)} limit.`);
            }
            if (Number(length) === 0) return refuse(req, reply, 400, 'BAD_REQUEST', 'This file is empty.');
          }
        }
        // Requests that carry upload bytes hold a slot until tus has answered.
        const carriesBytes = req.method === 'PATCH' || (req.method === 'POST' && req.headers['content-type'] === 'application/offset+octet-stream');
        if (carriesBytes) {
          release = inFlight.acquire(viewer.id);
          if (!release) {
            reply.header('retry-after', String(RETRY_AFTER_SECONDS));
            return refuse(req, reply, 429, 'TOO_MANY_REQUESTS', 'Too many uploads at once. Waiting a moment and retrying will continue this one.');
          }
        }
        viewers.set(req.raw, viewer);
      }
      reply.hijack();
      // An aborted request may never see tus's answer written: the slot is freed with the connection too.
      if (release) reply.raw.once('close', release);
      try {
        await tus.handle(req.raw, reply.raw);
      } catch (error) {
        req.log.error({ err: error }, 'tus handler failed');
        if (!reply.raw.headersSent) reply.raw.writeHead(500, JSON_HEADERS).end(GENERIC_500);
        else reply.raw.destroy();
      } finally {
        release?.();
      }
    };

    const methods = ['POST', 'HEAD', 'PATCH', 'DELETE', 'OPTIONS'] as const;
    scope.route({ method: [...methods], url: TUS_PATH, handler });
    scope.route({ method: [...methods], url: `${TUS_PATH}/:id`, handler });
  });
}
