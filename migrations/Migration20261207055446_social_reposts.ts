import { Migration } from '@mikro-orm/migrations';

export class Migration20261207055446_social_reposts extends Migration {

  override name = 'Migration20261207055446_social_reposts';

  override up(): void | Promise<void> {
    this.addSql(`create table "reposts" ("user_id" uuid not null, "track_id" uuid not null, "caption" varchar(280) null, "created_at" timestamptz not null, primary key ("user_id", "track_id"));`);
    this.addSql(`create index "reposts_user_recent_idx" on "reposts" ("user_id", "created_at") include ("track_id");`);
    this.addSql(`create index "reposts_recent_idx" on "reposts" ("created_at") include ("user_id", "track_id");`);
    this.addSql(`create index "reposts_track_recent_idx" on "reposts" ("track_id", "created_at") include ("user_id");`);

    this.addSql(`alter table "tracks" add "repost_count" int not null default 0;`);
    this.addSql(`drop index "tracks_created_at_id_idx";`);
    this.addSql(`create index "tracks_created_at_id_idx" on "tracks" ("created_at", "id") include ("owner_id");`);

    this.addSql(`drop index "track_likes_user_id_index";`);
    this.addSql(`create index "track_likes_user_recent_idx" on "track_likes" ("user_id", "created_at");`);

    this.addSql(`alter table "notifications" drop constraint "notifications_type_check";`);
    this.addSql(`alter table "notifications" add constraint "notifications_type_check" check ("type" in ('track.liked', 'chat.mention', 'follow.new', 'follow.request', 'follow.accepted', 'track.reposted'));`);

    this.addSql(`alter table "reposts" add constraint "reposts_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "reposts" add constraint "reposts_track_id_foreign" foreign key ("track_id") references "tracks" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "reposts" cascade;`);

    this.addSql(`alter table "notifications" drop constraint "notifications_type_check";`);
    this.addSql(`alter table "notifications" add constraint "notifications_type_check" check ("type" in ('track.liked', 'chat.mention', 'follow.new', 'follow.request', 'follow.accepted'));`);

    this.addSql(`drop index "track_likes_user_recent_idx";`);
    this.addSql(`create index "track_likes_user_id_index" on "track_likes" ("user_id");`);

    this.addSql(`alter table "tracks" drop column "repost_count";`);
    this.addSql(`drop index "tracks_created_at_id_idx";`);
    this.addSql(`create index "tracks_created_at_id_idx" on "tracks" ("created_at", "id");`);
  }

}
