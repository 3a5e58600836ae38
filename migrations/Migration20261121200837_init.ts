import { Migration } from '@mikro-orm/migrations';

export class Migration20261121200837_init extends Migration {

  override name = 'Migration20261121200837_init';

  override up(): void | Promise<void> {
    this.addSql(`create table "users" ("id" uuid not null, "email" varchar(254) not null, "username" varchar(30) not null, "display_name" varchar(80) null, "bio" text null, "password_hash" varchar(255) not null, "role" text not null default 'user', "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
    this.addSql(`alter table "users" add constraint "users_username_unique" unique ("username");`);

    this.addSql(`create table "tracks" ("id" uuid not null, "owner_id" uuid not null, "title" varchar(200) not null, "description" text null, "visibility" text not null default 'public', "storage_key" varchar(300) not null, "original_filename" varchar(255) not null, "mime_type" varchar(100) not null, "format" varchar(16) not null, "size_bytes" bigint not null, "duration_ms" int null, "sample_rate" int null, "channels" int null, "artist" varchar(200) null, "like_count" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "tracks_created_at_id_idx" on "tracks" ("created_at", "id");`);
    this.addSql(`create index "tracks_owner_created_at_idx" on "tracks" ("owner_id", "created_at");`);

    this.addSql(`create table "track_likes" ("track_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, primary key ("track_id", "user_id"));`);
    this.addSql(`create index "track_likes_user_id_index" on "track_likes" ("user_id");`);

    this.addSql(`create table "sessions" ("id" uuid not null, "user_id" uuid not null, "refresh_token_hash" varchar(64) not null, "user_agent" varchar(512) null, "ip" varchar(64) null, "created_at" timestamptz not null, "last_used_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id");`);
    this.addSql(`alter table "sessions" add constraint "sessions_refresh_token_hash_unique" unique ("refresh_token_hash");`);

    this.addSql(`create table "notifications" ("id" bigserial primary key, "recipient_id" uuid not null, "type" text not null, "actor_id" uuid null, "track_id" uuid null, "created_at" timestamptz not null, "read_at" timestamptz null);`);
    this.addSql(`create index "notifications_recipient_id_idx" on "notifications" ("recipient_id", "id");`);

    this.addSql(`alter table "users" add constraint "users_role_check" check ("role" in ('user', 'creator', 'artist', 'producer', 'label', 'premium', 'moderator', 'admin'));`);

    this.addSql(`alter table "tracks" add constraint "tracks_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "tracks" add constraint "tracks_visibility_check" check ("visibility" in ('public', 'unlisted', 'private'));`);

    this.addSql(`alter table "track_likes" add constraint "track_likes_track_id_foreign" foreign key ("track_id") references "tracks" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "track_likes" add constraint "track_likes_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "notifications" add constraint "notifications_recipient_id_foreign" foreign key ("recipient_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "notifications" add constraint "notifications_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "notifications" add constraint "notifications_track_id_foreign" foreign key ("track_id") references "tracks" ("id") on delete cascade;`);
    this.addSql(`alter table "notifications" add constraint "notifications_type_check" check ("type" in ('track.liked'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "tracks" drop constraint "tracks_owner_id_foreign";`);
    this.addSql(`alter table "track_likes" drop constraint "track_likes_user_id_foreign";`);
    this.addSql(`alter table "sessions" drop constraint "sessions_user_id_foreign";`);
    this.addSql(`alter table "notifications" drop constraint "notifications_recipient_id_foreign";`);
    this.addSql(`alter table "notifications" drop constraint "notifications_actor_id_foreign";`);
    this.addSql(`alter table "track_likes" drop constraint "track_likes_track_id_foreign";`);
    this.addSql(`alter table "notifications" drop constraint "notifications_track_id_foreign";`);

    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop table if exists "tracks" cascade;`);
    this.addSql(`drop table if exists "track_likes" cascade;`);
    this.addSql(`drop table if exists "sessions" cascade;`);
    this.addSql(`drop table if exists "notifications" cascade;`);
  }

}
