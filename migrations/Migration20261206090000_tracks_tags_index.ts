import { Migration } from '@mikro-orm/migrations';

/**
 * Lists by tag (`tracks.list({ tag })`) filter with `tags @> '["lo-fi"]'`: a GIN index (jsonb_path_ops, which serves
 * exactly that containment operator) keeps it from scanning the table.
 */
export class Migration20261206090000_tracks_tags_index extends Migration {

  override name = 'Migration20261206090000_tracks_tags_index';

  override up(): void | Promise<void> {
    this.addSql(`create index "tracks_tags_gin_idx" on "tracks" using gin ("tags" jsonb_path_ops);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "tracks_tags_gin_idx";`);
  }

}
