import { Migration } from '@mikro-orm/migrations';

export class Migration20261207122452_groups extends Migration {

  override name = 'Migration20261207122452_groups';

  override up(): void | Promise<void> {
    this.addSql(`create table "groups" ("id" uuid not null, "slug" varchar(60) not null, "name" varchar(80) not null, "description" text null, "is_public" boolean not null default true, "owner_id" uuid not null, "room_id" uuid null, "member_count" int not null default 1, "cover_key" varchar(300) null, "cover_mime_type" varchar(32) null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "groups" add constraint "groups_slug_unique" unique ("slug");`);
    this.addSql(`create index "groups_owner_id_index" on "groups" ("owner_id");`);
    this.addSql(`alter table "groups" add constraint "groups_room_id_unique" unique ("room_id");`);
    this.addSql(`create index "groups_public_recent_idx" on "groups" ("is_public", "created_at");`);

    this.addSql(`create table "group_posts" ("id" uuid not null, "group_id" uuid not null, "author_id" uuid not null, "track_id" uuid null, "playlist_id" uuid null, "comment" varchar(500) null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "group_posts_author_id_index" on "group_posts" ("author_id");`);
    this.addSql(`create index "group_posts_track_id_index" on "group_posts" ("track_id");`);
    this.addSql(`create index "group_posts_playlist_id_index" on "group_posts" ("playlist_id");`);
    this.addSql(`create index "group_posts_group_recent_idx" on "group_posts" ("group_id", "created_at", "id");`);
    this.addSql(`alter table "group_posts" add constraint "group_posts_track_once" unique ("group_id", "author_id", "track_id");`);
    this.addSql(`alter table "group_posts" add constraint "group_posts_playlist_once" unique ("group_id", "author_id", "playlist_id");`);

    this.addSql(`create table "group_members" ("group_id" uuid not null, "user_id" uuid not null, "role" text not null default 'member', "joined_at" timestamptz not null, primary key ("group_id", "user_id"));`);
    this.addSql(`create index "group_members_user_recent_idx" on "group_members" ("user_id", "joined_at");`);
    this.addSql(`create index "group_members_group_joined_idx" on "group_members" ("group_id", "joined_at");`);

    this.addSql(`create table "group_join_requests" ("group_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, primary key ("group_id", "user_id"));`);
    this.addSql(`create index "group_join_requests_user_id_index" on "group_join_requests" ("user_id");`);
    this.addSql(`create index "group_join_requests_group_recent_idx" on "group_join_requests" ("group_id", "created_at");`);

    this.addSql(`create table "group_invite_links" ("id" uuid not null, "group_id" uuid not null, "token_hash" varchar(64) not null, "created_by_id" uuid null, "expires_at" timestamptz null, "uses" int not null default 0, "revoked_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "group_invite_links_group_id_index" on "group_invite_links" ("group_id");`);
    this.addSql(`alter table "group_invite_links" add constraint "group_invite_links_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "group_invite_links_created_by_id_index" on "group_invite_links" ("created_by_id");`);

    this.addSql(`create table "group_invitations" ("group_id" uuid not null, "user_id" uuid not null, "invited_by_id" uuid null, "created_at" timestamptz not null, primary key ("group_id", "user_id"));`);
    this.addSql(`create index "group_invitations_invited_by_id_index" on "group_invitations" ("invited_by_id");`);
    this.addSql(`create index "group_invitations_user_recent_idx" on "group_invitations" ("user_id", "created_at");`);

    this.addSql(`create table "group_bans" ("group_id" uuid not null, "user_id" uuid not null, "banned_by_id" uuid null, "created_at" timestamptz not null, primary key ("group_id", "user_id"));`);
    this.addSql(`create index "group_bans_user_id_index" on "group_bans" ("user_id");`);
    this.addSql(`create index "group_bans_banned_by_id_index" on "group_bans" ("banned_by_id");`);

    this.addSql(`alter table "groups" add constraint "groups_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "groups" add constraint "groups_room_id_foreign" foreign key ("room_id") references "rooms" ("id") on delete set null;`);

    this.addSql(`alter table "group_posts" add constraint "group_posts_group_id_foreign" foreign key ("group_id") references "groups" ("id") on delete cascade;`);
    this.addSql(`alter table "group_posts" add constraint "group_posts_author_id_foreign" foreign key ("author_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "group_posts" add constraint "group_posts_track_id_foreign" foreign key ("track_id") references "tracks" ("id") on delete cascade;`);
    this.addSql(`alter table "group_posts" add constraint "group_posts_playlist_id_foreign" foreign key ("playlist_id") references "playlists" ("id") on delete cascade;`);

    this.addSql(`alter table "group_members" add constraint "group_members_group_id_foreign" foreign key ("group_id") references "groups" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "group_members" add constraint "group_members_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "group_members" add constraint "group_members_role_check" check ("role" in ('owner', 'admin', 'member'));`);

    this.addSql(`alter table "group_join_requests" add constraint "group_join_requests_group_id_foreign" foreign key ("group_id") references "groups" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "group_join_requests" add constraint "group_join_requests_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "group_invite_links" add constraint "group_invite_links_group_id_foreign" foreign key ("group_id") references "groups" ("id") on delete cascade;`);
    this.addSql(`alter table "group_invite_links" add constraint "group_invite_links_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "group_invitations" add constraint "group_invitations_group_id_foreign" foreign key ("group_id") references "groups" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "group_invitations" add constraint "group_invitations_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "group_invitations" add constraint "group_invitations_invited_by_id_foreign" foreign key ("invited_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "group_bans" add constraint "group_bans_group_id_foreign" foreign key ("group_id") references "groups" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "group_bans" add constraint "group_bans_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "group_bans" add constraint "group_bans_banned_by_id_foreign" foreign key ("banned_by_id") references "users" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "group_posts" drop constraint "group_posts_group_id_foreign";`);
    this.addSql(`alter table "group_members" drop constraint "group_members_group_id_foreign";`);
    this.addSql(`alter table "group_join_requests" drop constraint "group_join_requests_group_id_foreign";`);
    this.addSql(`alter table "group_invite_links" drop constraint "group_invite_links_group_id_foreign";`);
    this.addSql(`alter table "group_invitations" drop constraint "group_invitations_group_id_foreign";`);
    this.addSql(`alter table "group_bans" drop constraint "group_bans_group_id_foreign";`);

    this.addSql(`drop table if exists "groups" cascade;`);
    this.addSql(`drop table if exists "group_posts" cascade;`);
    this.addSql(`drop table if exists "group_members" cascade;`);
    this.addSql(`drop table if exists "group_join_requests" cascade;`);
    this.addSql(`drop table if exists "group_invite_links" cascade;`);
    this.addSql(`drop table if exists "group_invitations" cascade;`);
    this.addSql(`drop table if exists "group_bans" cascade;`);
  }

}
