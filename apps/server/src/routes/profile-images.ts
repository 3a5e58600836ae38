// Avatars and banners (issue 11). POST /api/users/me/avatar and /api/users/me/banner: one image as
// multipart/form-data (field `file`), at most 10 MB, from the app's origin, signed in. It is received exactly like a
// chat image (receiveAndStore in chat-attachments.ts: same early refusals, 413 at the limit, 415 for what is not an
// image by its bytes) and stored by setProfileImage (re-encoded to every size as WebP, metadata dropped). Answers
// 200 `{ url }`, the new versioned URL. DELETE of the same paths removes it (200 `{ url: null }`).
// GET/HEAD /api/users/:id/avatar?size=64|256|512&v=… and /banner?size=750|1500&v=…: to anyone, signed in or not —
// a picture is part of who a person is, like the display name, so private profiles show theirs too; theirs stay out
// of shared caches. The current version's URL is cached for good; any other (no `v`, an old one) is revalidated.
import { join } from 'node:path';
import { DomainError, httpStatusOf, profileImageSource, removeProfileImage, resolveViewer, setProfileImage, type ApiDeps } from '@veza/api';
import { PROFILE_IMAGE_MAX_BYTES, PROFILE_IMAGE_TOO_LARGE_MESSAGE, type ProfileImageKind } from '@veza/validators';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readOnlyCookieJar } from '../cookies.ts';
import type { Config } from '../env.ts';
import { errorBody } from '../http-errors.ts';
import { fromAppPage, originAllowed } from '../origin.ts';
import { CHOOSE_IMAGE, MULTIPART_OVERHEAD, receiveAndStore, rejected, UUID } from './chat-attachments.ts';
import { refuseUpload } from './refuse.ts';
import { serveStored } from './serve-object.ts';

const KINDS: readonly ProfileImageKind[] = ['avatar', 'banner'];
const VERSION = /^[0-9a-f]{16}$/;
const SIGN_IN: Record<ProfileImageKind, string> = { avatar: 'Please sign in to change your profile picture.', banner: 'Please sign in to change your banner.' };
type ImageRequest = FastifyRequest<{ Params: { id: string }; Querystring: { size?: string; v?: string } }>;

export function profileImageRoutes(app: FastifyInstance, { deps, config }: { deps: ApiDeps; config: Config }) {
  const tmpDir = join(config.dataDir, 'tmp');
  const viewerOf = (req: FastifyRequest) => resolveViewer(deps, req.headers.authorization, readOnlyCookieJar(req.cookies));
  const ctx = () => ({ deps, em: deps.db.fork() });

  for (const kind of KINDS) {
    app.post(`/api/users/me/${kind}`, async (req, reply) => {
      if (!originAllowed(config, req.headers)) return refuseUpload(req, reply, 403, 'FORBIDDEN', 'Uploads are only accepted from the Veza app.');
      const viewer = await viewerOf(req);
      if (!viewer) return refuseUpload(req, reply, 401, 'UNAUTHORIZED', SIGN_IN[kind]);
      if (!req.headers['content-type']?.toLowerCase().startsWith('multipart/form-data')) return refuseUpload(req, reply, 415, 'UNSUPPORTED_MEDIA_TYPE', CHOOSE_IMAGE);
      const length = Number(req.headers['content-length']);
      if (Number.isFinite(length) && length > PROFILE_IMAGE_MAX_BYTES + MULTIPART_OVERHEAD) {
        return refuseUpload(req, reply, 413, 'PAYLOAD_TOO_LARGE', PROFILE_IMAGE_TOO_LARGE_MESSAGE[kind]);
      }
      let outcome = await receiveAndStore(req, tmpDir, (file) => setProfileImage(ctx(), viewer, kind, file));
      // Over the limit while streaming: said in the words of this image.
      if (outcome.kind === 'rejected' && outcome.status === 413) outcome = rejected(413, outcome.code, PROFILE_IMAGE_TOO_LARGE_MESSAGE[kind]);
      if (outcome.kind === 'stored') return reply.code(200).send(outcome.body);
      return refuseUpload(req, reply, outcome.status, outcome.code, outcome.message);
    });

    app.delete(`/api/users/me/${kind}`, async (req, reply) => {
      // CSRF, as for tRPC calls: with the session cookie, only from the app's own pages.
      if (req.headers.cookie ? !fromAppPage(config, req.headers) : !originAllowed(config, req.headers)) {
        return reply.code(403).send(errorBody('FORBIDDEN', 'This request must come from the Veza app. Reload the page and try again.'));
      }
      const viewer = await viewerOf(req);
      if (!viewer) return reply.code(401).send(errorBody('UNAUTHORIZED', SIGN_IN[kind]));
      return reply.code(200).send(await removeProfileImage(ctx(), viewer, kind));
    });

    app.route({
      method: ['GET', 'HEAD'],
      url: `/api/users/:id/${kind}`,
      async handler(req: ImageRequest, reply: FastifyReply) {
        const notFound = () => reply.code(404).send(errorBody('NOT_FOUND', 'Image not found.'));
        if (!UUID.test(req.params.id)) return notFound();
        const size = req.query.size === undefined ? null : Number(req.query.size);
        if (size !== null && !Number.isInteger(size)) return reply.code(400).send(errorBody('BAD_REQUEST', 'The size must be a number of pixels.'));
        const version = typeof req.query.v === 'string' && VERSION.test(req.query.v) ? req.query.v : null;
        let source;
        try {
          source = await profileImageSource(ctx(), req.params.id, kind, size, version);
        } catch (error) {
          if (error instanceof DomainError) return reply.code(httpStatusOf(error)).send(errorBody(error.code, error.message));
          throw error;
        }
        const scope = source.public ? 'public' : 'private';
        const served = await serveStored(req, reply, deps.storage, source.key, {
          contentType: 'image/webp',
          // The bytes under a version never change; without the current version, the answer may change any time.
          cacheControl: source.current ? `${scope}, max-age=31536000, immutable` : `${scope}, no-cache`,
        });
        return served ? reply : notFound();
      },
    });
  }
}
