import { Migration } from '@mikro-orm/migrations';

export class Migration20261206091142_chat extends Migration {

  override name = 'Migration20261206091142_chat';

  override up(): void | Promise<void> {
    this.addSql(`create table "rooms" ("id" uuid not null, "kind" text not null, "name" varchar(80) null, "topic" varchar(300) null, "visibility" text not null, "created_by_id" uuid null, "dm_key" varchar(80) null, "last_seq" bigint not null default '0', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "rooms" add constraint "rooms_dm_key_unique" unique ("dm_key");`);

    this.addSql(`create table "room_members" ("id" uuid not null, "room_id" uuid not null, "user_id" uuid not null, "role" text not null default 'member', "last_read_seq" bigint not null default '0', "joined_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "room_members_user_id_index" on "room_members" ("user_id");`);
    this.addSql(`alter table "room_members" add constraint "room_members_room_id_user_id_unique" unique ("room_id", "user_id");`);

    this.addSql(`create table "messages" ("id" bigserial primary key, "room_id" uuid not null, "seq" bigint not null, "author_id" uuid null, "client_message_id" varchar(64) not null, "body" text not null, "reply_to_id" bigint null, "created_at" timestamptz not null, "edited_at" timestamptz null, "deleted_at" timestamptz null);`);
    this.addSql(`alter table "messages" add constraint "messages_room_id_seq_unique" unique ("room_id", "seq");`);
    this.addSql(`alter table "messages" add constraint "messages_author_id_client_message_id_unique" unique ("author_id", "client_message_id");`);

    this.addSql(`alter table "rooms" add constraint "rooms_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "rooms" add constraint "rooms_kind_check" check ("kind" in ('room', 'dm'));`);
    this.addSql(`alter table "rooms" add constraint "rooms_visibility_check" check ("visibility" in ('public', 'private'));`);

    this.addSql(`alter table "room_members" add constraint "room_members_room_id_foreign" foreign key ("room_id") references "rooms" ("id") on delete cascade;`);
    this.addSql(`alter table "room_members" add constraint "room_members_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "room_members" add constraint "room_members_role_check" check ("role" in ('owner', 'moderator', 'member'));`);

    this.addSql(`alter table "messages" add constraint "messages_room_id_foreign" foreign key ("room_id") references "rooms" ("id") on delete cascade;`);
    this.addSql(`alter table "messages" add constraint "messages_author_id_foreign" foreign key ("author_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "messages" add constraint "messages_reply_to_id_foreign" foreign key ("reply_to_id") references "messages" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "room_members" drop constraint "room_members_room_id_foreign";`);
    this.addSql(`alter table "messages" drop constraint "messages_room_id_foreign";`);
    this.addSql(`alter table "messages" drop constraint "messages_reply_to_id_foreign";`);

    this.addSql(`drop table if exists "rooms" cascade;`);
    this.addSql(`drop table if exists "room_members" cascade;`);
    this.addSql(`drop table if exists "messages" cascade;`);
  }

}
