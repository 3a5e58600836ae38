// Covers of tracks and playlists: POST (multipart `file`, JPEG/PNG/WebP ≤ 5 MB, owner only), GET (anyone who may see
// the track or playlist — for a track, also whoever holds a private share link of it as `?share=`; the URL is
// versioned, so it is cached), DELETE (owner).
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  coverSource,
  DomainError,
  groupAvatarSource,
  httpStatusOf,
  playlistCoverSource,
  removeCover,
  removeGroupAvatar,
  removePlaylistCover,
  resolveViewer,
  setCover,
  setGroupAvatar,
  setPlaylistCover,
  type ApiDeps,
  type Viewer,
} from '@veza/api';
import { COVER_MAX_BYTES } from '@veza/validators';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readOnlyCookieJar } from '../cookies.ts';
import type { Config } from '../env.ts';
import { errorBody } from '../http-errors.ts';
import { originAllowed } from '../origin.ts';
import { shareParam } from './audio.ts';
import { serveStored } from './serve-object.ts';
import { receive } from './upload.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
type CoverRequest = FastifyRequest<{ Params: { id: string }; Querystring: { share?: unknown } }>;
type Ctx = { deps: ApiDeps; em: ReturnType<ApiDeps['db']['fork']>; viewer: Viewer | null };
type Upload = { tempPath: string; sizeBytes: number };

const sendDomainError = (reply: FastifyReply, error: unknown) => {
  if (error instanceof DomainError) return reply.code(httpStatusOf(error)).send(errorBody(error.code, error.message));
  throw error;
};

/** What differs between the covers of tracks and of playlists. */
interface CoverKind {
  /** `/api/tracks` → `/api/tracks/:id/cover`. */
  base: string;
  /** "Track", "Playlist": for "… not found.". */
  noun: string;
  set: (ctx: Ctx, viewer: Viewer, id: string, upload: Upload) => Promise<{ coverUrl: string | null }>;
  remove: (ctx: Ctx, viewer: Viewer, id: string) => Promise<void>;
  source: (ctx: Ctx, id: string, req: CoverRequest) => Promise<{ key: string; mimeType: string; visibility: string }>;
}

function coverRoutesFor(app: FastifyInstance, { deps, config }: { deps: ApiDeps; config: Config }, kind: CoverKind) {
  const viewerOf = (req: FastifyRequest) => resolveViewer(deps, req.headers.authorization, readOnlyCookieJar(req.cookies));
  const context = (viewer: Viewer | null): Ctx => ({ deps, em: deps.db.fork(), viewer });
  const url = `${kind.base}/:id/cover`;

  app.post(url, async (req: CoverRequest, reply) => {
    if (!originAllowed(config, req.headers)) return reply.code(403).send(errorBody('FORBIDDEN', 'Uploads are only accepted from the Veza app.'));
    const viewer = await viewerOf(req);
    if (!viewer) return reply.code(401).send(errorBody('UNAUTHORIZED', 'Please sign in to change a cover.'));
    if (!UUID.test(req.params.id)) return reply.code(404).send(errorBody('NOT_FOUND', `${kind.noun} not found.`));
    if (!req.isMultipart()) return reply.code(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE', 'Send the image as multipart/form-data with a "file" field.'));
    const tmpDir = join(config.dataDir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tempPath = join(tmpDir, randomUUID());
    try {
      let received;
      try {
        received = await receive(req, tempPath, COVER_MAX_BYTES);
      } catch {
        return reply.code(400).send(errorBody('BAD_REQUEST', 'The upload was interrupted or malformed.'));
      }
      if (received.kind === 'rejected') {
        const message = received.status === 413 ? 'Covers must be at most 5 MB.' : received.message.replace('an audio file', 'an image');
        return reply.code(received.status).send(errorBody(received.code, message));
      }
      return await kind.set(context(viewer), viewer, req.params.id, { tempPath, sizeBytes: received.sizeBytes });
    } catch (error) {
      return sendDomainError(reply, error);
    } finally {
      await rm(tempPath, { force: true });
    }
  });

  app.delete(url, async (req: CoverRequest, reply) => {
    if (!originAllowed(config, req.headers)) return reply.code(403).send(errorBody('FORBIDDEN', 'Changes are only accepted from the Veza app.'));
    const viewer = await viewerOf(req);
    if (!viewer) return reply.code(401).send(errorBody('UNAUTHORIZED', 'Please sign in to change a cover.'));
    if (!UUID.test(req.params.id)) return reply.code(404).send(errorBody('NOT_FOUND', `${kind.noun} not found.`));
    try {
      await kind.remove(context(viewer), viewer, req.params.id);
      return reply.code(204).send();
    } catch (error) {
      return sendDomainError(reply, error);
    }
  });

  app.route({
    method: ['GET', 'HEAD'],
    url,
    async handler(req: CoverRequest, reply) {
      if (!UUID.test(req.params.id)) return reply.code(404).send(errorBody('NOT_FOUND', 'Cover not found.'));
      try {
        const source = await kind.source(context(await viewerOf(req)), req.params.id, req);
        const served = await serveStored(req, reply, deps.storage, source.key, {
          contentType: source.mimeType,
          cacheControl: source.visibility === 'private' ? 'private, max-age=86400' : 'public, max-age=86400',
        });
        if (served) return reply;
        return reply.code(404).send(errorBody('NOT_FOUND', 'Cover not found.'));
      } catch (error) {
        return sendDomainError(reply, error);
      }
    },
  });
}

export function coverRoutes(app: FastifyInstance, options: { deps: ApiDeps; config: Config }) {
  coverRoutesFor(app, options, {
    base: '/api/tracks',
    noun: 'Track',
    set: setCover,
    remove: removeCover,
    source: (ctx, id, req) => coverSource(ctx, id, shareParam(req.query.share)),
  });
  coverRoutesFor(app, options, {
    base: '/api/playlists',
    noun: 'Playlist',
    set: setPlaylistCover,
    remove: removePlaylistCover,
    source: (ctx, id) => playlistCoverSource(ctx, id),
  });
  // A group's avatar: set and removed by its owner and admins, public to everyone (private groups too).
  coverRoutesFor(app, options, {
    base: '/api/groups',
    noun: 'Group',
    set: setGroupAvatar,
    remove: removeGroupAvatar,
    source: (ctx, id) => groupAvatarSource(ctx, id),
  });
}
