// Room icons (issue 10). POST /api/chat/rooms/:id/icon: one image as multipart/form-data (field `file`), at most
// 10 MB, from the app's origin, by the room's owner or a moderator (any member of a group); it is received exactly
// like a chat image (receiveAndStore in chat-attachments.ts: same early refusals, 413 at the limit) and stored by
// setRoomIcon (the same checks and re-encoding as chat images, as a 256×256 WebP). Answers 200 `{ iconUrl }`.
// Removing an icon is `chat.rooms.removeIcon` (tRPC).
// GET/HEAD /api/chat/rooms/:id/icon: the icon, to whoever may see the room (anyone for a public room; members, or
// the holder of a valid invite passed as `?invite=`, otherwise), 404 for anyone else. Its URL carries a version
// (`?v=`, a new one per change): public rooms' icons are cached publicly, others privately.
import { join } from 'node:path';
import { DomainError, httpStatusOf, resolveViewer, roomIconSource, ROOM_ICON_TOO_LARGE_MESSAGE, setRoomIcon, type ApiDeps } from '@veza/api';
import { CHAT_IMAGE_MAX_BYTES } from '@veza/validators';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readOnlyCookieJar } from '../cookies.ts';
import type { Config } from '../env.ts';
import { errorBody } from '../http-errors.ts';
import { originAllowed } from '../origin.ts';
import { CHOOSE_IMAGE, MULTIPART_OVERHEAD, receiveAndStore, rejected, UUID } from './chat-attachments.ts';
import { refuseUpload } from './refuse.ts';
import { serveStored } from './serve-object.ts';

const INVITE_CODE = /^[A-Za-z0-9_-]{43}$/;
type IconRequest = FastifyRequest<{ Params: { id: string }; Querystring: { invite?: string } }>;

export function roomIconRoutes(app: FastifyInstance, { deps, config }: { deps: ApiDeps; config: Config }) {
  const tmpDir = join(config.dataDir, 'tmp');
  const viewerOf = (req: FastifyRequest) => resolveViewer(deps, req.headers.authorization, readOnlyCookieJar(req.cookies));

  app.post('/api/chat/rooms/:id/icon', async (req: IconRequest, reply) => {
    if (!originAllowed(config, req.headers)) return refuseUpload(req, reply, 403, 'FORBIDDEN', 'Uploads are only accepted from the Veza app.');
    const viewer = await viewerOf(req);
    if (!viewer) return refuseUpload(req, reply, 401, 'UNAUTHORIZED', 'Please sign in to change a room icon.');
    if (!UUID.test(req.params.id)) return refuseUpload(req, reply, 404, 'NOT_FOUND', 'This conversation does not exist or you are not in it.');
    if (!req.headers['content-type']?.toLowerCase().startsWith('multipart/form-data')) return refuseUpload(req, reply, 415, 'UNSUPPORTED_MEDIA_TYPE', CHOOSE_IMAGE);
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > CHAT_IMAGE_MAX_BYTES + MULTIPART_OVERHEAD) {
      return refuseUpload(req, reply, 413, 'PAYLOAD_TOO_LARGE', ROOM_ICON_TOO_LARGE_MESSAGE);
    }
    const id = req.params.id;
    let outcome = await receiveAndStore(req, tmpDir, (file) => setRoomIcon({ deps, em: deps.db.fork() }, viewer, id, file));
    // Over the limit: said in the words of room icons.
    if (outcome.kind === 'rejected' && outcome.status === 413) outcome = rejected(413, outcome.code, ROOM_ICON_TOO_LARGE_MESSAGE);
    if (outcome.kind === 'stored') return reply.code(200).send(outcome.body);
    return refuseUpload(req, reply, outcome.status, outcome.code, outcome.message);
  });

  app.route({
    method: ['GET', 'HEAD'],
    url: '/api/chat/rooms/:id/icon',
    async handler(req: IconRequest, reply) {
      const notFound = () => reply.code(404).send(errorBody('NOT_FOUND', 'Icon not found.'));
      if (!UUID.test(req.params.id)) return notFound();
      const invite = typeof req.query.invite === 'string' && INVITE_CODE.test(req.query.invite) ? req.query.invite : null;
      let source;
      try {
        source = await roomIconSource({ deps, em: deps.db.fork() }, await viewerOf(req), req.params.id, invite);
      } catch (error) {
        if (error instanceof DomainError) return reply.code(httpStatusOf(error)).send(errorBody(error.code, error.message));
        throw error;
      }
      const served = await serveStored(req, reply, deps.storage, source.key, {
        contentType: 'image/webp',
        // Versioned URLs: the bytes under one never change. Private rooms' icons stay out of shared caches.
        cacheControl: source.public ? 'public, max-age=31536000, immutable' : 'private, max-age=31536000, immutable',
      });
      return served ? reply : notFound();
    },
  });
}
