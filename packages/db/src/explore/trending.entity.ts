import { defineEntity, p } from '@mikro-orm/core';
import { Track } from '../entities/track.entity.ts';

/**
 * Trending ranks (issue 11, explore), recomputed periodically by a job (trending.repository.ts `recompute`): the cache
 * explore reads from. One row per window (`week`, `month`, `rising`) and track; `rank` 1 is the top.
 */
const TrendingScoreSchema = defineEntity({
  name: 'TrendingScore',
  tableName: 'trending_scores',
  properties: {
    window: p.string().length(16).primary(),
    track: () => p.manyToOne(Track).primary().deleteRule('cascade'),
    rank: p.integer(),
    score: p.double(),
    computedAt: p.datetime(),
  },
  indexes: [{ name: 'trending_scores_window_rank_idx', properties: ['window', 'rank'] }],
});

export class TrendingScore extends TrendingScoreSchema.class {}
TrendingScoreSchema.setClass(TrendingScore);
export { TrendingScoreSchema };
