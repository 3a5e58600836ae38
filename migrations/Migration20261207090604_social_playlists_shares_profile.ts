import { Migration } from '@mikro-orm/migrations';

export class Migration20261207090604_social_playlists_shares_profile extends Migration {

  override name = 'Migration20261207090604_social_playlists_shares_profile';

  override up(): void | Promise<void> {
    this.addSql(`create table "track_shares" ("id" uuid not null, "track_id" uuid not null, "created_by_id" uuid not null, "token_hash" varchar(64) not null, "label" varchar(80) null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "use_count" int not null default 0, "last_used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "track_shares_created_by_id_index" on "track_shares" ("created_by_id");`);
    this.addSql(`alter table "track_shares" add constraint "track_shares_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "track_shares_track_recent_idx" on "track_shares" ("track_id", "created_at");`);

    this.addSql(`create table "playlists" ("id" uuid not null, "owner_id" uuid not null, "title" varchar(100) not null, "description" text null, "is_public" boolean not null default true, "cover_key" varchar(300) null, "cover_mime_type" varchar(32) null, "like_count" int not null default 0, "repost_count" int not null default 0, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "playlists_owner_recent_idx" on "playlists" ("owner_id", "created_at");`);

    this.addSql(`create table "playlist_tracks" ("playlist_id" uuid not null, "track_id" uuid not null, "position" varchar(64) collate "C" not null, "added_by_id" uuid null, "added_at" timestamptz not null, primary key ("playlist_id", "track_id"));`);
    this.addSql(`create index "playlist_tracks_track_id_index" on "playlist_tracks" ("track_id");`);
    this.addSql(`create index "playlist_tracks_added_by_id_index" on "playlist_tracks" ("added_by_id");`);
    this.addSql(`alter table "playlist_tracks" add constraint "playlist_tracks_order_unique" unique ("playlist_id", "position");`);

    this.addSql(`create table "playlist_reposts" ("user_id" uuid not null, "playlist_id" uuid not null, "created_at" timestamptz not null, primary key ("user_id", "playlist_id"));`);
    this.addSql(`create index "playlist_reposts_playlist_id_index" on "playlist_reposts" ("playlist_id");`);
    this.addSql(`create index "playlist_reposts_user_recent_idx" on "playlist_reposts" ("user_id", "created_at");`);

    this.addSql(`create table "playlist_likes" ("user_id" uuid not null, "playlist_id" uuid not null, "created_at" timestamptz not null, primary key ("user_id", "playlist_id"));`);
    this.addSql(`create index "playlist_likes_playlist_id_index" on "playlist_likes" ("playlist_id");`);
    this.addSql(`create index "playlist_likes_user_recent_idx" on "playlist_likes" ("user_id", "created_at");`);

    this.addSql(`create table "playlist_collaborators" ("playlist_id" uuid not null, "user_id" uuid not null, "status" text not null default 'invited', "created_at" timestamptz not null, "accepted_at" timestamptz null, primary key ("playlist_id", "user_id"));`);
    this.addSql(`create index "playlist_collaborators_user_idx" on "playlist_collaborators" ("user_id", "status", "created_at");`);

    this.addSql(`alter table "users" add "location" varchar(80) null, add "links" jsonb not null default '[]', add "pinned_track_id" uuid null, add "avatar_key" varchar(300) null, add "banner_key" varchar(300) null;`);
    this.addSql(`alter table "users" add constraint "users_pinned_track_id_foreign" foreign key ("pinned_track_id") references "tracks" ("id") on delete set null;`);

    this.addSql(`alter table "notifications" drop constraint "notifications_type_check";`);
    this.addSql(`alter table "notifications" add "playlist_id" uuid null;`);
    this.addSql(`alter table "notifications" add constraint "notifications_playlist_id_foreign" foreign key ("playlist_id") references "playlists" ("id") on delete cascade;`);
    this.addSql(`create index "notifications_playlist_id_index" on "notifications" ("playlist_id");`);
    this.addSql(`alter table "notifications" add constraint "notifications_type_check" check ("type" in ('track.liked', 'chat.mention', 'follow.new', 'follow.request', 'follow.accepted', 'track.reposted', 'comment.new', 'playlist.invite'));`);

    this.addSql(`alter table "track_shares" add constraint "track_shares_track_id_foreign" foreign key ("track_id") references "tracks" ("id") on delete cascade;`);
    this.addSql(`alter table "track_shares" add constraint "track_shares_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "playlists" add constraint "playlists_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "playlist_tracks" add constraint "playlist_tracks_playlist_id_foreign" foreign key ("playlist_id") references "playlists" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "playlist_tracks" add constraint "playlist_tracks_track_id_foreign" foreign key ("track_id") references "tracks" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "playlist_tracks" add constraint "playlist_tracks_added_by_id_foreign" foreign key ("added_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "playlist_reposts" add constraint "playlist_reposts_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "playlist_reposts" add constraint "playlist_reposts_playlist_id_foreign" foreign key ("playlist_id") references "playlists" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "playlist_likes" add constraint "playlist_likes_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "playlist_likes" add constraint "playlist_likes_playlist_id_foreign" foreign key ("playlist_id") references "playlists" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "playlist_collaborators" add constraint "playlist_collaborators_playlist_id_foreign" foreign key ("playlist_id") references "playlists" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "playlist_collaborators" add constraint "playlist_collaborators_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "playlist_collaborators" add constraint "playlist_collaborators_status_check" check ("status" in ('invited', 'active'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "playlist_tracks" drop constraint "playlist_tracks_playlist_id_foreign";`);
    this.addSql(`alter table "playlist_reposts" drop constraint "playlist_reposts_playlist_id_foreign";`);
    this.addSql(`alter table "playlist_likes" drop constraint "playlist_likes_playlist_id_foreign";`);
    this.addSql(`alter table "playlist_collaborators" drop constraint "playlist_collaborators_playlist_id_foreign";`);
    this.addSql(`alter table "notifications" drop constraint "notifications_playlist_id_foreign";`);

    this.addSql(`drop table if exists "track_shares" cascade;`);
    this.addSql(`drop table if exists "playlists" cascade;`);
    this.addSql(`drop table if exists "playlist_tracks" cascade;`);
    this.addSql(`drop table if exists "playlist_reposts" cascade;`);
    this.addSql(`drop table if exists "playlist_likes" cascade;`);
    this.addSql(`drop table if exists "playlist_collaborators" cascade;`);

    this.addSql(`alter table "users" drop constraint "users_pinned_track_id_foreign";`);

    this.addSql(`drop index "notifications_playlist_id_index";`);
    this.addSql(`alter table "notifications" drop constraint "notifications_type_check";`);
    this.addSql(`alter table "notifications" drop column "playlist_id";`);
    this.addSql(`alter table "notifications" add constraint "notifications_type_check" check ("type" in ('track.liked', 'chat.mention', 'follow.new', 'follow.request', 'follow.accepted', 'track.reposted', 'comment.new'));`);

    this.addSql(`alter table "users" drop column "location", drop column "links", drop column "pinned_track_id", drop column "avatar_key", drop column "banner_key";`);
  }

}
