import { Migration } from '@mikro-orm/migrations';

/**
 * The HLS ladder version each track's renditions were made with. Tracks processed before this migration got the
 * 128/256/320 ladder, version 1; the worker re-processes ready tracks whose version is older than the current one.
 */
export class Migration20261206084500_hls_ladder_version extends Migration {

  override name = 'Migration20261206084500_hls_ladder_version';

  override up(): void | Promise<void> {
    this.addSql(`alter table "tracks" add "hls_ladder_version" int not null default 1;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "tracks" drop column "hls_ladder_version";`);
  }

}
