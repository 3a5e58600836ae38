import { Migration } from '@mikro-orm/migrations';

export class Migration20261207122532_push_subscriptions extends Migration {

  override name = 'Migration20261207122532_push_subscriptions';

  override up(): void | Promise<void> {
    this.addSql(`create table "push_subscriptions" ("id" uuid not null, "user_id" uuid not null, "session_id" uuid not null, "endpoint" varchar(1024) not null, "p256dh" varchar(88) not null, "auth" varchar(24) not null, "user_agent" varchar(512) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "last_pushed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "push_subscriptions" add constraint "push_subscriptions_endpoint_unique" unique ("endpoint");`);
    this.addSql(`create index "push_subscriptions_user_recent_idx" on "push_subscriptions" ("user_id", "updated_at");`);
    this.addSql(`alter table "push_subscriptions" add constraint "push_subscriptions_session_unique" unique ("session_id");`);

    this.addSql(`alter table "push_subscriptions" add constraint "push_subscriptions_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "push_subscriptions" add constraint "push_subscriptions_session_id_foreign" foreign key ("session_id") references "sessions" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "push_subscriptions" cascade;`);
  }

}
