import { Migration } from '@mikro-orm/migrations';

export class Migration20261207031029_social_follows extends Migration {

  override name = 'Migration20261207031029_social_follows';

  override up(): void | Promise<void> {
    this.addSql(`create table "follows" ("follower_id" uuid not null, "followee_id" uuid not null, "status" text not null default 'active', "created_at" timestamptz not null, primary key ("follower_id", "followee_id"));`);
    this.addSql(`create index "follows_follower_recent_idx" on "follows" ("follower_id", "status", "created_at");`);
    this.addSql(`create index "follows_followee_recent_idx" on "follows" ("followee_id", "status", "created_at");`);

    this.addSql(`alter table "follows" add constraint "follows_follower_id_foreign" foreign key ("follower_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "follows" add constraint "follows_followee_id_foreign" foreign key ("followee_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "follows" add constraint "follows_status_check" check ("status" in ('active', 'pending'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "follows" cascade;`);
  }

}
