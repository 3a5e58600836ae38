// Who may fetch a track's bytes (audio, cover) or its embed data: whoever sees the track (social/audience.ts), or
// whoever holds a live private share link of it (issue 11). Kept apart from shares.service.ts so the tracks domain
// can ask it without importing the share links' procedures.
import { createHash } from 'node:crypto';
import { trackSharesRepository, tracksRepository, type Track } from '@veza/db';
import { SHARE_TOKEN_PATTERN } from '@veza/validators';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { seesTrack } from '../social/audience.ts';

type Ctx = Pick<Context, 'em' | 'viewer'>;

/**
 * The stored form of a share token: its SHA-256, hex. The token is 256 random bits, so a lookup by this hash is the
 * comparison (no timing to learn from: the database compares hashes of guesses, never the token).
 */
export const hashShareToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Whether `token` (any string from a URL) is a live private link of `trackId`. Malformed tokens cost no query. */
export async function shareGrants(ctx: Pick<Context, 'em'>, trackId: string, token: string | undefined): Promise<boolean> {
  if (!token || !SHARE_TOKEN_PATTERN.test(token)) return false;
  return trackSharesRepository(ctx.em).isLiveFor(hashShareToken(token), trackId, new Date());
}

/**
 * The track if the viewer sees it, or if `shareToken` is a live link of it (`viaShare`: shared caches must not keep
 * what it answers). Otherwise NOT_FOUND, exactly as for a track that does not exist.
 */
export async function trackSeenOrShared(ctx: Ctx, id: string, shareToken: string | undefined): Promise<{ track: Track; viaShare: boolean }> {
  const track = await tracksRepository(ctx.em).byId(id);
  if (!track) throw notFound('Track');
  if (await seesTrack(ctx.em, track, ctx.viewer?.id ?? null)) return { track, viaShare: false };
  if (await shareGrants(ctx, id, shareToken)) return { track, viaShare: true };
  throw notFound('Track');
}

/** A media URL of the track that carries the share token (`?share=`), so the link's holder can play and see it. */
export const withShareToken = (url: string, token: string) => `${url}${url.includes('?') ? '&' : '?'}share=${encodeURIComponent(token)}`;
