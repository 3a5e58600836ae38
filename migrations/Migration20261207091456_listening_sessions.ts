import { Migration } from '@mikro-orm/migrations';

export class Migration20261207091456_listening_sessions extends Migration {

  override name = 'Migration20261207091456_listening_sessions';

  override up(): void | Promise<void> {
    this.addSql(`create table "listening_sessions" ("id" uuid not null, "host_id" uuid not null, "room_id" uuid null, "track_id" uuid null, "position_ms" int not null default 0, "playing" boolean not null default false, "anchor_at" timestamptz not null, "queue_locked" boolean not null default false, "version" int not null default 1, "ended_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "listening_sessions_host_idx" on "listening_sessions" ("host_id", "ended_at");`);

    this.addSql(`create table "listening_queue" ("id" uuid not null, "session_id" uuid not null, "track_id" uuid not null, "added_by_id" uuid null, "position" varchar(64) collate "C" not null, "added_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "listening_queue_track_id_index" on "listening_queue" ("track_id");`);
    this.addSql(`create index "listening_queue_added_by_id_index" on "listening_queue" ("added_by_id");`);
    this.addSql(`alter table "listening_queue" add constraint "listening_queue_order_unique" unique ("session_id", "position");`);

    this.addSql(`create table "listening_members" ("session_id" uuid not null, "user_id" uuid not null, "joined_at" timestamptz not null, "last_seen_at" timestamptz not null, primary key ("session_id", "user_id"));`);
    this.addSql(`create index "listening_members_user_id_index" on "listening_members" ("user_id");`);

    this.addSql(`alter table "listening_sessions" add constraint "listening_sessions_host_id_foreign" foreign key ("host_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "listening_sessions" add constraint "listening_sessions_room_id_foreign" foreign key ("room_id") references "rooms" ("id") on delete set null;`);
    this.addSql(`alter table "listening_sessions" add constraint "listening_sessions_track_id_foreign" foreign key ("track_id") references "tracks" ("id") on delete set null;`);

    this.addSql(`alter table "listening_queue" add constraint "listening_queue_session_id_foreign" foreign key ("session_id") references "listening_sessions" ("id") on delete cascade;`);
    this.addSql(`alter table "listening_queue" add constraint "listening_queue_track_id_foreign" foreign key ("track_id") references "tracks" ("id") on delete cascade;`);
    this.addSql(`alter table "listening_queue" add constraint "listening_queue_added_by_id_foreign" foreign key ("added_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "listening_members" add constraint "listening_members_session_id_foreign" foreign key ("session_id") references "listening_sessions" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "listening_members" add constraint "listening_members_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "listening_queue" drop constraint "listening_queue_session_id_foreign";`);
    this.addSql(`alter table "listening_members" drop constraint "listening_members_session_id_foreign";`);

    this.addSql(`drop table if exists "listening_sessions" cascade;`);
    this.addSql(`drop table if exists "listening_queue" cascade;`);
    this.addSql(`drop table if exists "listening_members" cascade;`);
  }

}
