import { Migration } from '@mikro-orm/migrations';

export class Migration20261207174325_search_filter_indexes extends Migration {

  override name = 'Migration20261207174325_search_filter_indexes';

  override up(): void | Promise<void> {
    this.addSql(`create index "tracks_genre_key_idx" on "tracks" ("genre", "musical_key");`);
    this.addSql(`create index "tracks_genre_bpm_idx" on "tracks" ("genre", "bpm");`);
    this.addSql(`create index "tracks_musical_key_idx" on "tracks" ("musical_key");`);
    this.addSql(`create index "tracks_bpm_idx" on "tracks" ("bpm");`);
    this.addSql(`create index "tracks_duration_ms_idx" on "tracks" ("duration_ms");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "tracks_genre_key_idx";`);
    this.addSql(`drop index "tracks_genre_bpm_idx";`);
    this.addSql(`drop index "tracks_musical_key_idx";`);
    this.addSql(`drop index "tracks_bpm_idx";`);
    this.addSql(`drop index "tracks_duration_ms_idx";`);
  }

}
