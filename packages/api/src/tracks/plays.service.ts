// Play counts (issue 11): a play counts once per listener per track per 30 minutes (PLAY_DEDUP_MINUTES), after 30 s of
// listening or the whole track if shorter, never for the owner.
//
// The player asks for a play ticket when a track starts (`tracks.playStart`): a token signed with the server's key
// naming the track, the listener and the time. It sends the ticket back once it has played long enough
// (`tracks.playCount`). The server counts only a ticket it signed, for the same listener, old enough for the track's
// threshold and not too old, and its sliding-window mark (an atomic upsert) makes replays and parallel requests count
// once. Signed-out listeners are told apart by a hash of their address and browser.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { playsRepository } from '@veza/db';
import type { TokenConfig } from '../auth/tokens.ts';
import type { Context } from '../context.ts';
import { DomainError } from '../errors.ts';
import { visibleTrack } from './tracks.service.ts';

type Ctx = Pick<Context, 'em' | 'viewer' | 'deps' | 'meta'>;

/** How much of a track must be heard before its play counts (the whole track when shorter). */
export const PLAY_THRESHOLD_MS = 30_000;
/** A ticket is good for this long after the track started: a paused listener can still come back to it. */
export const PLAY_TICKET_TTL_MS = 6 * 3600_000;
/** Clocks and timers are not exact: a ticket this early still counts. */
const EARLY_TOLERANCE_MS = 1_000;

export interface PlayTicketDto {
  /** Null when this play will not count (the owner's own track, or a listener we cannot tell apart). */
  ticket: string | null;
  /** Send the ticket to `tracks.playCount` after this much listening. */
  countAfterMs: number;
}

export interface PlayCountDto {
  id: string;
  /** Whether this play was counted now (false: one of this listener's was counted in the last 30 minutes). */
  counted: boolean;
  playCount: number;
}

const sign = (tokens: TokenConfig, body: string) => createHmac('sha256', tokens.jwtSecret).update(`veza-play-v1.${body}`).digest('base64url');

/** Who is listening: the account, or a hash of a signed-out listener's address and browser (null: no address). */
function listenerKey(ctx: Ctx): string | null {
  if (ctx.viewer) return `u:${ctx.viewer.id}`;
  if (!ctx.meta.ip) return null;
  return `a:${createHash('sha256').update(`${ctx.meta.ip}|${ctx.meta.userAgent ?? ''}`).digest('base64url').slice(0, 40)}`;
}

const threshold = (durationMs: number | null | undefined) => Math.min(PLAY_THRESHOLD_MS, durationMs ?? PLAY_THRESHOLD_MS);

export async function playStart(ctx: Ctx, trackId: string, now = Date.now()): Promise<PlayTicketDto> {
  const track = await visibleTrack(ctx, trackId);
  const key = listenerKey(ctx);
  const countAfterMs = threshold(track.durationMs);
  if (!key || track.owner.id === ctx.viewer?.id) return { ticket: null, countAfterMs };
  const body = Buffer.from(JSON.stringify({ t: track.id, l: key, s: now })).toString('base64url');
  return { ticket: `${body}.${sign(ctx.deps.tokens, body)}`, countAfterMs };
}

const invalid = () => new DomainError('BAD_REQUEST', 'This play ticket is not valid: start the track again.', undefined, 'invalid_ticket');

export async function playCount(ctx: Ctx, ticket: string, now = Date.now()): Promise<PlayCountDto> {
  const [body = '', mac = ''] = ticket.split('.');
  const expected = Buffer.from(sign(ctx.deps.tokens, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
  let claims: { t?: unknown; l?: unknown; s?: unknown };
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    throw invalid();
  }
  const { t: trackId, l: key, s: startedAt } = claims;
  if (typeof trackId !== 'string' || typeof key !== 'string' || typeof startedAt !== 'number') throw invalid();
  // Someone else's ticket (another account, another browser) does not count for them.
  if (key !== listenerKey(ctx)) throw invalid();
  if (now - startedAt > PLAY_TICKET_TTL_MS) throw new DomainError('BAD_REQUEST', 'This play ticket has expired: start the track again.', undefined, 'expired_ticket');
  const track = await visibleTrack(ctx, trackId);
  if (now - startedAt < threshold(track.durationMs) - EARLY_TOLERANCE_MS) {
    throw new DomainError('BAD_REQUEST', 'A play counts after 30 seconds of listening.', undefined, 'too_early');
  }
  const plays = playsRepository(ctx.em);
  const counted = await plays.count(track.id, key, ctx.viewer?.id ?? null, new Date(now));
  return { id: track.id, counted, playCount: await plays.playCount(track.id) };
}
