// Explore (issue 11): trending tracks this week and this month, and "new and rising" (artists with few followers),
// filterable by genre. Ranks come from trending_scores, recomputed by a periodic job (recomputeTrending; the server
// runs it every TRENDING_EVERY_MS on one instance): reading is one indexed query, whatever the traffic. The scoring
// (weights, decay, the per-artist cap, deduplicated plays) is in @veza/db's trending.repository.ts.
import { trendingRepository, tracksRepository, type TrendingWindowName } from '@veza/db';
import { trendingInput, TRENDING_WINDOWS, type TrendingInput } from '@veza/validators';
import type { ApiDeps, Context } from '../context.ts';
import { toTrackDtos } from '../tracks/tracks.service.ts';
import type { TrendingPageDto } from './explore.dto.ts';

type Ctx = Pick<Context, 'em' | 'viewer' | 'deps'>;

export const TRENDING_EVERY_MS = 10 * 60 * 1000;

export async function trending(ctx: Ctx, raw: TrendingInput): Promise<TrendingPageDto> {
  const input = trendingInput.parse(raw);
  const { rows, more } = await trendingRepository(ctx.em).page(input.window, {
    genre: input.genre,
    afterRank: input.afterRank ?? 0,
    limit: input.limit,
    viewerId: ctx.viewer?.id ?? null,
  });
  const cards = new Map((await tracksRepository(ctx.em).cards(rows.map((r) => r.trackId))).map((c) => [c.id, c]));
  const present = rows.filter((r) => cards.has(r.trackId));
  const dtos = await toTrackDtos(ctx, present.map((r) => cards.get(r.trackId)!));
  const last = rows.at(-1);
  return {
    window: input.window,
    items: present.map((r, i) => ({ rank: r.rank, track: dtos[i]! })),
    nextAfterRank: more && last ? last.rank : null,
    computedAt: rows[0]?.computedAt.toISOString() ?? null,
  };
}

/** Recomputes every window (the job); returns how many tracks each ranked and how long it took. */
export async function recomputeTrending(deps: Pick<ApiDeps, 'db'>, now = new Date()): Promise<Record<TrendingWindowName, { ranked: number; ms: number }>> {
  const result = {} as Record<TrendingWindowName, { ranked: number; ms: number }>;
  for (const window of TRENDING_WINDOWS) {
    const started = performance.now();
    const ranked = await trendingRepository(deps.db.fork()).recompute(window, now);
    result[window] = { ranked, ms: Math.round(performance.now() - started) };
  }
  return result;
}
