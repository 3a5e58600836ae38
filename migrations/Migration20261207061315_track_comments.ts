import { Migration } from '@mikro-orm/migrations';

export class Migration20261207061315_track_comments extends Migration {

  override name = 'Migration20261207061315_track_comments';

  override up(): void | Promise<void> {
    this.addSql(`create table "track_comments" ("id" uuid not null, "track_id" uuid not null, "author_id" uuid not null, "parent_id" uuid null, "at_ms" int not null, "body" varchar(1000) not null, "like_count" int not null default 0, "reply_count" int not null default 0, "created_at" timestamptz not null, "edited_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "track_comments_track_recent_idx" on "track_comments" ("track_id", "parent_id", "created_at");`);
    this.addSql(`create index "track_comments_track_at_idx" on "track_comments" ("track_id", "at_ms");`);
    this.addSql(`create index "track_comments_parent_idx" on "track_comments" ("parent_id", "created_at");`);
    this.addSql(`create index "track_comments_author_idx" on "track_comments" ("author_id");`);

    this.addSql(`create table "comment_likes" ("comment_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, primary key ("comment_id", "user_id"));`);
    this.addSql(`create index "comment_likes_user_id_index" on "comment_likes" ("user_id");`);

    this.addSql(`alter table "tracks" add "comments_enabled" boolean not null default true, add "comment_count" int not null default 0, add "pinned_comment_id" uuid null;`);

    this.addSql(`alter table "notifications" drop constraint "notifications_type_check";`);
    this.addSql(`alter table "notifications" add "comment_id" uuid null;`);
    this.addSql(`alter table "notifications" add constraint "notifications_comment_id_foreign" foreign key ("comment_id") references "track_comments" ("id") on delete cascade;`);
    this.addSql(`create index "notifications_comment_id_index" on "notifications" ("comment_id");`);
    this.addSql(`alter table "notifications" add constraint "notifications_type_check" check ("type" in ('track.liked', 'chat.mention', 'follow.new', 'follow.request', 'follow.accepted', 'track.reposted', 'comment.new'));`);

    this.addSql(`alter table "track_comments" add constraint "track_comments_track_id_foreign" foreign key ("track_id") references "tracks" ("id") on delete cascade;`);
    this.addSql(`alter table "track_comments" add constraint "track_comments_author_id_foreign" foreign key ("author_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "track_comments" add constraint "track_comments_parent_id_foreign" foreign key ("parent_id") references "track_comments" ("id") on delete cascade;`);

    this.addSql(`alter table "comment_likes" add constraint "comment_likes_comment_id_foreign" foreign key ("comment_id") references "track_comments" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "comment_likes" add constraint "comment_likes_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "track_comments" drop constraint "track_comments_parent_id_foreign";`);
    this.addSql(`alter table "notifications" drop constraint "notifications_comment_id_foreign";`);
    this.addSql(`alter table "comment_likes" drop constraint "comment_likes_comment_id_foreign";`);

    this.addSql(`drop table if exists "track_comments" cascade;`);
    this.addSql(`drop table if exists "comment_likes" cascade;`);

    this.addSql(`drop index "notifications_comment_id_index";`);
    this.addSql(`alter table "notifications" drop constraint "notifications_type_check";`);
    this.addSql(`alter table "notifications" drop column "comment_id";`);
    this.addSql(`alter table "notifications" add constraint "notifications_type_check" check ("type" in ('track.liked', 'chat.mention', 'follow.new', 'follow.request', 'follow.accepted', 'track.reposted'));`);

    this.addSql(`alter table "tracks" drop column "comments_enabled", drop column "comment_count", drop column "pinned_comment_id";`);
  }

}
