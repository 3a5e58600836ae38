import { Migration } from '@mikro-orm/migrations';

/**
 * Search (issue 12; @veza/db search/): tracks most played first. Sorting results by plays walks it and stops at the
 * page's end, and a relevance page ranks the 5,000 most played matches (RANK_CANDIDATES), found along it for a frequent
 * word instead of reading all of its matches. Declared in the Track entity. A play's count update now also updates
 * this index (no heap-only update for that row).
 */
export class Migration20261207160044_search_play_count extends Migration {

  override name = 'Migration20261207160044_search_play_count';

  override up(): void | Promise<void> {
    this.addSql(`create index "tracks_play_count_idx" on "tracks" ("play_count" desc, "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "tracks_play_count_idx";`);
  }

}
