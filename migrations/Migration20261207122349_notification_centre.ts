import { Migration } from '@mikro-orm/migrations';

export class Migration20261207122349_notification_centre extends Migration {

  override name = 'Migration20261207122349_notification_centre';

  override up(): void | Promise<void> {
    this.addSql(`create table "notification_settings" ("user_id" uuid not null, "language" text not null default 'en', "overrides" jsonb not null default '{}', "updated_at" timestamptz not null, primary key ("user_id"));`);

    this.addSql(`drop index "notifications_recipient_id_idx";`);
    this.addSql(`alter table "notifications" drop constraint "notifications_type_check";`);
    this.addSql(`alter table "notifications" add "group_key" varchar(100) not null default '', add "actor_ids" jsonb not null default '[]', add "actor_count" int not null default 1, add "detail" varchar(300) null, add "latest_at" timestamptz null, add "seq" bigint null, add "emailed_at" timestamptz null;`);
    // Every existing notification becomes a group of one, about the subject the service now groups by.
    this.addSql(`update "notifications" n set
      "latest_at" = n."created_at",
      "seq" = n."id",
      "actor_ids" = case when n."actor_id" is null then '[]'::jsonb else jsonb_build_array(n."actor_id") end,
      "group_key" = coalesce(case
        when n."type" in ('track.liked', 'track.reposted') then 'track:' || n."track_id"
        when n."type" = 'playlist.invite' then 'playlist:' || n."playlist_id"
        when n."type" = 'chat.mention' then (select 'room:' || m."room_id" from "messages" m where m."id" = n."message_id")
        when n."type" = 'comment.new' then (
          select case
            when t."owner_id" = n."recipient_id" then 'track:' || c."track_id"
            when p."author_id" = n."recipient_id" then 'reply:' || p."id"
            else 'mention:' || c."track_id" end
          from "track_comments" c join "tracks" t on t."id" = c."track_id" left join "track_comments" p on p."id" = c."parent_id"
          where c."id" = n."comment_id")
        else '' end, '');`);
    // Unread rows about the same subject merge into their newest one (the older ones count in it and read as read).
    this.addSql(`update "notifications" n set "actor_count" = g."people", "actor_ids" = g."ids"
      from (
        select max(x."id") as "keep", count(distinct x."actor_id")::int as "people",
          (select coalesce(jsonb_agg(a."actor_id" order by a."last" desc), '[]'::jsonb) from (
            select o."actor_id", max(o."id") as "last" from "notifications" o
            where o."recipient_id" = x."recipient_id" and o."type" = x."type" and o."group_key" = x."group_key" and o."read_at" is null and o."actor_id" is not null
            group by o."actor_id" order by max(o."id") desc limit 3) a) as "ids"
        from "notifications" x where x."read_at" is null group by x."recipient_id", x."type", x."group_key"
      ) g
      where n."id" = g."keep" and g."people" > 1;`);
    this.addSql(`update "notifications" n set "read_at" = n."created_at"
      where n."read_at" is null and exists (select 1 from "notifications" o where o."read_at" is null and o."recipient_id" = n."recipient_id" and o."type" = n."type" and o."group_key" = n."group_key" and o."id" > n."id");`);
    this.addSql(`alter table "notifications" alter column "latest_at" set not null, alter column "seq" set not null;`);
    this.addSql(`create index "notifications_recipient_seq_idx" on "notifications" ("recipient_id", "seq");`);
    this.addSql(`create unique index "notifications_open_group_idx" on "notifications" ("recipient_id", "type", "group_key") where "read_at" is null;`);
    this.addSql(`alter table "notifications" add constraint "notifications_type_check" check ("type" in ('track.liked', 'chat.mention', 'follow.new', 'follow.request', 'follow.accepted', 'track.reposted', 'comment.new', 'playlist.invite', 'track.processed', 'track.failed', 'security.notice'));`);

    this.addSql(`alter table "notification_settings" add constraint "notification_settings_user_id_foreign" foreign key ("user_id") references "users" ("id") on update no action on delete cascade;`);
    this.addSql(`alter table "notification_settings" add constraint "notification_settings_language_check" check ("language" in ('en', 'fr'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "notification_settings" cascade;`);

    this.addSql(`drop index "notifications_recipient_seq_idx";`);
    this.addSql(`drop index "notifications_open_group_idx";`);
    this.addSql(`alter table "notifications" drop constraint "notifications_type_check";`);
    this.addSql(`delete from "notifications" where "type" in ('track.processed', 'track.failed', 'security.notice');`);
    this.addSql(`alter table "notifications" drop column "group_key", drop column "actor_ids", drop column "actor_count", drop column "detail", drop column "latest_at", drop column "seq", drop column "emailed_at";`);
    this.addSql(`create index "notifications_recipient_id_idx" on "notifications" ("recipient_id", "id");`);
    this.addSql(`alter table "notifications" add constraint "notifications_type_check" check ("type" in ('track.liked', 'chat.mention', 'follow.new', 'follow.request', 'follow.accepted', 'track.reposted', 'comment.new', 'playlist.invite'));`);
  }

}
