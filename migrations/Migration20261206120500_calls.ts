import { Migration } from '@mikro-orm/migrations';

export class Migration20261206120500_calls extends Migration {

  override name = 'Migration20261206120500_calls';

  override up(): void | Promise<void> {
    this.addSql(`alter table "messages" add "kind" text not null default 'text';`);
    this.addSql(`alter table "messages" add constraint "messages_kind_check" check ("kind" in ('text', 'call'));`);

    this.addSql(`create table "calls" ("id" uuid not null, "room_id" uuid not null, "caller_id" uuid not null, "callee_id" uuid not null, "state" text not null, "started_at" timestamptz not null, "answered_at" timestamptz null, "ended_at" timestamptz null, "end_reason" text null, "message_id" bigint null, primary key ("id"));`);
    this.addSql(`create index "calls_room_id_index" on "calls" ("room_id");`);
    this.addSql(`create index "calls_caller_id_index" on "calls" ("caller_id");`);
    this.addSql(`create index "calls_callee_id_index" on "calls" ("callee_id");`);
    this.addSql(`alter table "calls" add constraint "calls_message_id_unique" unique ("message_id");`);
    this.addSql(`create unique index "calls_room_id_live_unique" on "calls" ("room_id") where "state" in ('ringing', 'active');`);
    this.addSql(`alter table "calls" add constraint "calls_state_check" check ("state" in ('ringing', 'active', 'ended', 'missed', 'rejected', 'busy'));`);
    this.addSql(`alter table "calls" add constraint "calls_end_reason_check" check ("end_reason" in ('hangup', 'cancelled', 'timeout', 'rejected', 'busy', 'failed'));`);

    this.addSql(`alter table "calls" add constraint "calls_room_id_foreign" foreign key ("room_id") references "rooms" ("id") on delete cascade;`);
    this.addSql(`alter table "calls" add constraint "calls_caller_id_foreign" foreign key ("caller_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "calls" add constraint "calls_callee_id_foreign" foreign key ("callee_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "calls" add constraint "calls_message_id_foreign" foreign key ("message_id") references "messages" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "calls" cascade;`);

    this.addSql(`alter table "messages" drop constraint "messages_kind_check";`);
    this.addSql(`alter table "messages" drop column "kind";`);
  }

}
