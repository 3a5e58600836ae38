// The built web app (WEB_DIST): files as they are, hashed assets cached forever, and index.html
// for any other page a browser asks for, so client-side routes survive a reload.
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import { keepSessionFlag, type ApiDeps } from '@veza/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { replyCookieJar } from './cookies.ts';
import type { Config } from './env.ts';
import { errorBody } from './http-errors.ts';
import { embedPageRoutes } from './routes/embed.ts';

const SERVER_PREFIXES = ['/api/', '/media/', '/trpc', '/healthz', '/readyz', '/assets/'];

const wantsPage = (req: FastifyRequest) => {
  const path = req.url.split('?')[0] ?? '/';
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    !SERVER_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix)) &&
    (req.headers.accept ?? '').includes('text/html')
  );
};

const notFound = (reply: FastifyReply) => reply.code(404).send(errorBody('NOT_FOUND', 'Not found.'));

/** `deps`: for the pages that say something of a track (routes/embed.ts: the embed page, link previews). */
export async function registerStatic(app: FastifyInstance, config: Pick<Config, 'webDist' | 'sessionTtlSeconds' | 'secureCookies'>, deps?: ApiDeps) {
  const root = config.webDist;
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/', (_req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send(`Veza's server is running, but the web app is not built (no ${join(root, 'index.html')}).\nRun \`pnpm build\`, then restart the server.\n`),
    );
    app.setNotFoundHandler((_req, reply) => notFound(reply));
    return;
  }

  // A browser whose session predates the session flag cookie gets the flag with the page, so the app (which skips
  // auth.me without it) does not show it signed out. Only page loads: one header read, no database.
  app.addHook('onRequest', async (req, reply) => {
    if (wantsPage(req)) keepSessionFlag(config.sessionTtlSeconds, replyCookieJar(req, reply, config.secureCookies));
  });

  const assets = join(root, 'assets') + sep;
  await app.register(fastifyStatic, {
    root,
    cacheControl: false,
    etag: true,
    lastModified: true,
    dotfiles: 'ignore',
    // One route per file of the build, listed at start (the build does not change under a running server): any other
    // path goes straight to the not-found handler below, instead of a file lookup that fails first and then hands
    // over — awaiting the reply once more, and leaving `close` listeners on the response for each await.
    wildcard: false,
    setHeaders(reply, path) {
      // Vite puts content-hashed files under assets/: they never change. Everything else revalidates.
      reply.header('cache-control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  if (deps) await embedPageRoutes(app, { deps, root });

  // Nothing returned: a returned reply is awaited (Reply.then), and each await of it adds two `close` listeners to the
  // response until it ends. With the static route's failed lookup awaiting it too, a page load at a client-side route
  // (/chat) carried 11 and set off Node's MaxListenersExceededWarning (static.test.ts counts them).
  app.setNotFoundHandler((req, reply) => {
    if (!wantsPage(req)) notFound(reply);
    else reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
