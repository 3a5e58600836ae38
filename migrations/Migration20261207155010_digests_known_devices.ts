import { Migration } from '@mikro-orm/migrations';

export class Migration20261207155010_digests_known_devices extends Migration {

  override name = 'Migration20261207155010_digests_known_devices';

  override up(): void | Promise<void> {
    this.addSql(`create table "notification_digest_runs" ("user_id" uuid not null, "period" text not null, "period_start" timestamptz not null, "cutoff" timestamptz not null, "groups" int not null, "created_at" timestamptz not null, primary key ("user_id", "period", "period_start"));`);
    this.addSql(`create index "notification_digest_runs_user_cutoff_idx" on "notification_digest_runs" ("user_id", "cutoff");`);

    this.addSql(`create table "known_devices" ("user_id" uuid not null, "device_hash" varchar(64) not null, "first_seen_at" timestamptz not null, "last_seen_at" timestamptz not null, "user_agent" varchar(512) null, primary key ("user_id", "device_hash"));`);

    this.addSql(`alter table "notification_settings" add "digest" text not null default 'weekly';`);
    this.addSql(`alter table "notification_settings" add constraint "notification_settings_digest_check" check ("digest" in ('off', 'daily', 'weekly'));`);

    this.addSql(`alter table "notification_digest_runs" add constraint "notification_digest_runs_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "notification_digest_runs" add constraint "notification_digest_runs_period_check" check ("period" in ('daily', 'weekly'));`);

    this.addSql(`alter table "known_devices" add constraint "known_devices_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "notification_digest_runs" cascade;`);
    this.addSql(`drop table if exists "known_devices" cascade;`);

    this.addSql(`alter table "notification_settings" drop constraint "notification_settings_digest_check";`);
    this.addSql(`alter table "notification_settings" drop column "digest";`);
  }

}
