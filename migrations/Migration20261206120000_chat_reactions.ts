import { Migration } from '@mikro-orm/migrations';

export class Migration20261206120000_chat_reactions extends Migration {

  override name = 'Migration20261206120000_chat_reactions';

  override up(): void | Promise<void> {
    this.addSql(`create table "message_reactions" ("message_id" bigint not null, "user_id" uuid not null, "emoji" varchar(32) not null, "created_at" timestamptz not null, primary key ("message_id", "user_id", "emoji"));`);
    this.addSql(`create index "message_reactions_user_id_index" on "message_reactions" ("user_id");`);
    this.addSql(`create index "message_reactions_message_id_emoji_created_at_index" on "message_reactions" ("message_id", "emoji", "created_at");`);

    this.addSql(`create table "message_mentions" ("message_id" bigint not null, "user_id" uuid not null, primary key ("message_id", "user_id"));`);
    this.addSql(`create index "message_mentions_user_id_index" on "message_mentions" ("user_id");`);

    this.addSql(`create table "message_edits" ("id" bigserial primary key, "message_id" bigint not null, "body" text not null, "action" text not null, "edited_at" timestamptz not null, "edited_by_id" uuid null);`);
    this.addSql(`create index "message_edits_message_id_index" on "message_edits" ("message_id");`);

    this.addSql(`alter table "notifications" add "message_id" bigint null;`);
    this.addSql(`create index "notifications_message_id_index" on "notifications" ("message_id");`);

    this.addSql(`alter table "message_reactions" add constraint "message_reactions_message_id_foreign" foreign key ("message_id") references "messages" ("id") on delete cascade;`);
    this.addSql(`alter table "message_reactions" add constraint "message_reactions_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "message_mentions" add constraint "message_mentions_message_id_foreign" foreign key ("message_id") references "messages" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "message_mentions" add constraint "message_mentions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "message_edits" add constraint "message_edits_message_id_foreign" foreign key ("message_id") references "messages" ("id") on delete cascade;`);
    this.addSql(`alter table "message_edits" add constraint "message_edits_edited_by_id_foreign" foreign key ("edited_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "message_edits" add constraint "message_edits_action_check" check ("action" in ('edit', 'delete'));`);

    this.addSql(`alter table "notifications" add constraint "notifications_message_id_foreign" foreign key ("message_id") references "messages" ("id") on delete cascade;`);
    this.addSql(`alter table "notifications" drop constraint if exists "notifications_type_check";`);
    this.addSql(`alter table "notifications" add constraint "notifications_type_check" check ("type" in ('track.liked', 'chat.mention'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "notifications" where "type" = 'chat.mention';`);
    this.addSql(`alter table "notifications" drop constraint if exists "notifications_type_check";`);
    this.addSql(`alter table "notifications" add constraint "notifications_type_check" check ("type" in ('track.liked'));`);
    this.addSql(`alter table "notifications" drop constraint "notifications_message_id_foreign";`);
    this.addSql(`drop index "notifications_message_id_index";`);
    this.addSql(`alter table "notifications" drop column "message_id";`);

    this.addSql(`drop table if exists "message_reactions" cascade;`);
    this.addSql(`drop table if exists "message_mentions" cascade;`);
    this.addSql(`drop table if exists "message_edits" cascade;`);
  }

}
