import type { TrendingWindow } from '@veza/validators';
import type { TrackDto } from '../tracks/tracks.dto.ts';

export interface TrendingItemDto {
  /** 1 is the top of the window (ranks skip tracks the viewer may not see). */
  rank: number;
  track: TrackDto;
}

export interface TrendingPageDto {
  window: TrendingWindow;
  items: TrendingItemDto[];
  /** Pass back as `afterRank` for the next page; null on the last one. */
  nextAfterRank: number | null;
  /** When the ranks were computed (null before the first computation). */
  computedAt: string | null;
}
