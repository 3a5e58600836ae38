import type { EmbedTrackDto } from '@veza/api';

export type EmbedLoad = { kind: 'ready'; track: EmbedTrackDto } | { kind: 'unavailable' } | { kind: 'error' };

/** `/embed/track/<id>?share=<token>` → what to ask for; null for any other path. */
export function embedTarget(pathname: string, search: string): { trackId: string; share?: string } | null {
  const id = /^\/embed\/track\/([0-9a-f-]{36})\/?$/i.exec(pathname)?.[1];
  if (!id) return null;
  const share = new URLSearchParams(search).get('share');
  return share ? { trackId: id, share } : { trackId: id };
}

/**
 * `shares.embed` over tRPC's plain HTTP GET (no tRPC client: the page stays small). NOT_FOUND and BAD_REQUEST (a
 * private track, a revoked link, a malformed id) mean there is nothing to play here.
 */
export async function fetchEmbed(target: { trackId: string; share?: string }, origin = window.location.origin): Promise<EmbedLoad> {
  try {
    const url = new URL('/trpc/shares.embed', origin);
    url.searchParams.set('input', JSON.stringify(target));
    const res = await fetch(url, { credentials: 'omit', headers: { accept: 'application/json' } });
    if (res.status === 404 || res.status === 400) return { kind: 'unavailable' };
    if (!res.ok) return { kind: 'error' };
    const body = (await res.json()) as { result?: { data?: EmbedTrackDto } };
    return body.result?.data ? { kind: 'ready', track: body.result.data } : { kind: 'error' };
  } catch {
    return { kind: 'error' };
  }
}
