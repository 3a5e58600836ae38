import { Migration } from '@mikro-orm/migrations';

export class Migration20261206093726_chat_moderation extends Migration {

  override name = 'Migration20261206093726_chat_moderation';

  override up(): void | Promise<void> {
    this.addSql(`create table "room_invites" ("id" uuid not null, "room_id" uuid not null, "code_hash" varchar(64) not null, "created_by_id" uuid null, "expires_at" timestamptz null, "max_uses" int null, "uses" int not null default 0, "revoked_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "room_invites_room_id_index" on "room_invites" ("room_id");`);
    this.addSql(`alter table "room_invites" add constraint "room_invites_code_hash_unique" unique ("code_hash");`);

    this.addSql(`create table "room_bans" ("id" uuid not null, "room_id" uuid not null, "user_id" uuid not null, "banned_by_id" uuid null, "reason" varchar(500) null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "room_bans_user_id_index" on "room_bans" ("user_id");`);
    this.addSql(`alter table "room_bans" add constraint "room_bans_room_id_user_id_unique" unique ("room_id", "user_id");`);

    this.addSql(`alter table "rooms" add "slow_mode_seconds" int not null default 0;`);

    this.addSql(`alter table "room_members" add "muted_until" timestamptz null, add "last_sent_at" timestamptz null;`);

    this.addSql(`alter table "room_invites" add constraint "room_invites_room_id_foreign" foreign key ("room_id") references "rooms" ("id") on delete cascade;`);
    this.addSql(`alter table "room_invites" add constraint "room_invites_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "room_bans" add constraint "room_bans_room_id_foreign" foreign key ("room_id") references "rooms" ("id") on delete cascade;`);
    this.addSql(`alter table "room_bans" add constraint "room_bans_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "room_bans" add constraint "room_bans_banned_by_id_foreign" foreign key ("banned_by_id") references "users" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "room_invites" cascade;`);
    this.addSql(`drop table if exists "room_bans" cascade;`);

    this.addSql(`alter table "room_members" drop column "muted_until", drop column "last_sent_at";`);

    this.addSql(`alter table "rooms" drop column "slow_mode_seconds";`);
  }

}
