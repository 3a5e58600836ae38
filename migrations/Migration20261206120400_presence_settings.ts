import { Migration } from '@mikro-orm/migrations';

export class Migration20261206120400_presence_settings extends Migration {

  override name = 'Migration20261206120400_presence_settings';

  override up(): void | Promise<void> {
    this.addSql(`create table "user_presence_settings" ("user_id" uuid not null, "status" text not null, "share_listening" boolean not null, "updated_at" timestamptz not null, primary key ("user_id"));`);

    this.addSql(`alter table "user_presence_settings" add constraint "user_presence_settings_status_check" check ("status" in ('online', 'away', 'dnd', 'invisible'));`);

    this.addSql(`alter table "user_presence_settings" add constraint "user_presence_settings_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "user_presence_settings" cascade;`);
  }

}
