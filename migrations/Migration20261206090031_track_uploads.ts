import { Migration } from '@mikro-orm/migrations';

export class Migration20261206090031_track_uploads extends Migration {

  override name = 'Migration20261206090031_track_uploads';

  override up(): void | Promise<void> {
    this.addSql(`create table "track_uploads" ("id" varchar(128) not null, "owner_id" uuid not null, "title" varchar(200) null, "tags" jsonb null, "visibility" text null, "track_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "track_uploads_owner_id_index" on "track_uploads" ("owner_id");`);
    this.addSql(`create index "track_uploads_created_at_index" on "track_uploads" ("created_at");`);

    this.addSql(`alter table "track_uploads" add constraint "track_uploads_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "track_uploads" add constraint "track_uploads_track_id_foreign" foreign key ("track_id") references "tracks" ("id") on delete cascade;`);
    this.addSql(`alter table "track_uploads" add constraint "track_uploads_visibility_check" check ("visibility" in ('public', 'unlisted', 'private'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "track_uploads" cascade;`);
  }

}
