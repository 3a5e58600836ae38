import { Migration } from '@mikro-orm/migrations';

export class Migration20261207053728_social_private_profiles extends Migration {

  override name = 'Migration20261207053728_social_private_profiles';

  override up(): void | Promise<void> {
    this.addSql(`alter table "users" add "is_private" boolean not null default false;`);

    this.addSql(`alter table "notifications" drop constraint "notifications_type_check";`);
    this.addSql(`alter table "notifications" add constraint "notifications_type_check" check ("type" in ('track.liked', 'chat.mention', 'follow.new', 'follow.request', 'follow.accepted'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notifications" drop constraint "notifications_type_check";`);
    this.addSql(`alter table "notifications" add constraint "notifications_type_check" check ("type" in ('track.liked', 'chat.mention'));`);

    this.addSql(`alter table "users" drop column "is_private";`);
  }

}
