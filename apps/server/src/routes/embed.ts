// The embeddable player and oEmbed (issue 11).
// - GET /api/oembed?url=<a Veza track URL>&format=json&maxwidth=&maxheight=: an oEmbed 1.0 `rich` answer with the
//   player's <iframe> for a track a stranger may see (public or unlisted, of a public profile); 404 for any other
//   track, 400 for a URL that is not a Veza track's, 501 for format=xml.
// - GET /embed/track/:id: the player's own small page (apps/web/embed.html, a separate Vite entry), the only pages
//   other sites may frame (security-headers.ts). What it shows is answered by `shares.embed`.
// - GET /tracks/:id: the app's page, with oEmbed discovery and Open Graph tags for a public track.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { publicTrackCard, type ApiDeps } from '@veza/api';
import { EMBED_SIZES } from '@veza/validators';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../http-errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TRACK_PATH = /^\/(?:tracks|embed\/track)\/([0-9a-f-]{36})\/?$/;

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const positive = (value: unknown) => {
  const n = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
};

/** The track id of a Veza track URL (its page or its embed) on one of `origins`; null for anything else. */
export function trackIdOfUrl(raw: unknown, origins: readonly string[]): string | null {
  if (typeof raw !== 'string' || raw.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!origins.includes(url.origin)) return null;
  const id = TRACK_PATH.exec(url.pathname)?.[1];
  return id && UUID.test(id) ? id : null;
}

/** The player's frame: the standard size, or the compact one when the consumer's box is smaller; never wider than asked. */
export function embedFrame(appOrigin: string, trackId: string, title: string, maxwidth: number | null, maxheight: number | null) {
  const size = maxheight !== null && maxheight < EMBED_SIZES.standard.height ? EMBED_SIZES.compact : EMBED_SIZES.standard;
  const width = Math.max(200, Math.min(size.width, maxwidth ?? size.width));
  const height = size.height;
  const src = `${appOrigin}/embed/track/${trackId}`;
  const html = `<iframe src="${escapeHtml(src)}" width="${width}" height="${height}" title="${escapeHtml(`${title} on Veza`)}" style="border:0" loading="lazy" allow="autoplay; encrypted-media"></iframe>`;
  return { html, width, height };
}

export function oembedRoutes(app: FastifyInstance, { deps, origins }: { deps: ApiDeps; origins: readonly string[] }) {
  const appOrigin = deps.security.appOrigin;
  app.get('/api/oembed', async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
    const { url, format, maxwidth, maxheight } = req.query;
    if (format !== undefined && format !== 'json') {
      if (format === 'xml') return reply.code(501).send(errorBody('NOT_IMPLEMENTED', 'Only format=json is supported.'));
      return reply.code(400).send(errorBody('BAD_REQUEST', 'The format must be json.'));
    }
    const trackId = trackIdOfUrl(url, origins);
    if (!trackId) return reply.code(400).send(errorBody('BAD_REQUEST', 'Give the URL of a track on Veza.'));
    const card = await publicTrackCard({ deps, em: deps.db.fork() }, trackId, { measureCover: true });
    if (!card) return reply.code(404).send(errorBody('NOT_FOUND', 'Track not found.'));
    const frame = embedFrame(appOrigin, card.id, card.title, positive(maxwidth), positive(maxheight));
    return reply.header('cache-control', 'public, max-age=300').send({
      version: '1.0',
      type: 'rich',
      provider_name: 'Veza',
      provider_url: `${appOrigin}/`,
      title: card.title,
      author_name: card.artistName,
      author_url: card.artistUrl,
      html: frame.html,
      width: frame.width,
      height: frame.height,
      cache_age: 300,
      // oEmbed wants a thumbnail's size with it: a cover whose size cannot be read is left out.
      ...(card.cover?.size ? { thumbnail_url: card.cover.url, thumbnail_width: card.cover.size.width, thumbnail_height: card.cover.size.height } : {}),
    });
  });
}

const wantsHtml = (req: FastifyRequest) => (req.headers.accept ?? '').includes('text/html');

/**
 * The page routes that need more than the plain index.html: the embed page, and the track page with its link-preview
 * tags. Registered by static.ts once the built app is there (`reply.sendFile`).
 */
export async function embedPageRoutes(app: FastifyInstance, { deps, root }: { deps: ApiDeps; root: string }) {
  const appOrigin = deps.security.appOrigin;
  // The build does not change under a running server: read the page once.
  const index = await readFile(join(root, 'index.html'), 'utf8');
  const hasEmbedPage = await readFile(join(root, 'embed.html'), 'utf8').then(
    () => true,
    () => false,
  );
  const notFound = (reply: FastifyReply) => reply.code(404).send(errorBody('NOT_FOUND', 'Not found.'));

  app.get('/embed/track/:id', (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    if (!hasEmbedPage || !wantsHtml(req) || !UUID.test(req.params.id)) return notFound(reply);
    return reply.header('cache-control', 'no-cache').sendFile('embed.html');
  });

  app.get('/tracks/:id', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    if (!wantsHtml(req)) return notFound(reply);
    const card = UUID.test(req.params.id) ? await publicTrackCard({ deps, em: deps.db.fork() }, req.params.id) : null;
    // Only public tracks are advertised: an unlisted one is for those who were given its link.
    const tags = card && card.visibility === 'public' ? discoveryTags(appOrigin, card) : '';
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(tags ? index.replace('</head>', `${tags}\n  </head>`) : index);
  });
}

/** oEmbed discovery and Open Graph tags for a public track's page. */
export function discoveryTags(appOrigin: string, card: { title: string; artistName: string; pageUrl: string; description: string | null; cover: { url: string } | null }) {
  const oembed = `${appOrigin}/api/oembed?url=${encodeURIComponent(card.pageUrl)}&format=json`;
  const meta = (property: string, content: string) => `<meta property="${property}" content="${escapeHtml(content)}" />`;
  return [
    `<link rel="alternate" type="application/json+oembed" href="${escapeHtml(oembed)}" title="${escapeHtml(card.title)}" />`,
    meta('og:site_name', 'Veza'),
    meta('og:type', 'music.song'),
    meta('og:title', `${card.title} — ${card.artistName}`),
    meta('og:url', card.pageUrl),
    ...(card.description ? [meta('og:description', card.description.slice(0, 300))] : []),
    ...(card.cover ? [meta('og:image', card.cover.url)] : []),
  ]
    .map((tag) => `    ${tag}`)
    .join('\n');
}
