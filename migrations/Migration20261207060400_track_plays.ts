import { Migration } from '@mikro-orm/migrations';

export class Migration20261207060400_track_plays extends Migration {

  override name = 'Migration20261207060400_track_plays';

  override up(): void | Promise<void> {
    this.addSql(`create table "track_play_marks" ("track_id" uuid not null, "listener_key" varchar(64) not null, "last_counted_at" timestamptz not null, primary key ("track_id", "listener_key"));`);

    this.addSql(`create table "track_plays" ("id" bigserial primary key, "track_id" uuid not null, "listener_id" uuid null, "played_at" timestamptz not null);`);
    this.addSql(`create index "track_plays_track_recent_idx" on "track_plays" ("track_id", "played_at");`);
    this.addSql(`create index "track_plays_recent_idx" on "track_plays" ("played_at");`);

    this.addSql(`alter table "tracks" add "play_count" int not null default 0;`);

    this.addSql(`alter table "track_play_marks" add constraint "track_play_marks_track_id_foreign" foreign key ("track_id") references "tracks" ("id") on delete cascade;`);

    this.addSql(`alter table "track_plays" add constraint "track_plays_track_id_foreign" foreign key ("track_id") references "tracks" ("id") on delete cascade;`);
    this.addSql(`alter table "track_plays" add constraint "track_plays_listener_id_foreign" foreign key ("listener_id") references "users" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "track_play_marks" cascade;`);
    this.addSql(`drop table if exists "track_plays" cascade;`);

    this.addSql(`alter table "tracks" drop column "play_count";`);
  }

}
