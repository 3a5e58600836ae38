import { Migration } from '@mikro-orm/migrations';

export class Migration20261207154856_group_notifications extends Migration {

  override name = 'Migration20261207154856_group_notifications';

  override up(): void | Promise<void> {
    this.addSql(`alter table "notifications" drop constraint "notifications_type_check";`);
    this.addSql(`alter table "notifications" add "group_id" uuid null;`);
    this.addSql(`alter table "notifications" add constraint "notifications_group_id_foreign" foreign key ("group_id") references "groups" ("id") on delete cascade;`);
    this.addSql(`create index "notifications_group_id_index" on "notifications" ("group_id");`);
    this.addSql(`alter table "notifications" add constraint "notifications_type_check" check ("type" in ('track.liked', 'chat.mention', 'follow.new', 'follow.request', 'follow.accepted', 'track.reposted', 'comment.new', 'playlist.invite', 'track.processed', 'track.failed', 'security.notice', 'group.invite', 'group.request'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notifications" drop constraint "notifications_group_id_foreign";`);

    this.addSql(`drop index "notifications_group_id_index";`);
    this.addSql(`alter table "notifications" drop constraint "notifications_type_check";`);
    this.addSql(`delete from "notifications" where "type" in ('group.invite', 'group.request');`);
    this.addSql(`alter table "notifications" drop column "group_id";`);
    this.addSql(`alter table "notifications" add constraint "notifications_type_check" check ("type" in ('track.liked', 'chat.mention', 'follow.new', 'follow.request', 'follow.accepted', 'track.reposted', 'comment.new', 'playlist.invite', 'track.processed', 'track.failed', 'security.notice'));`);
  }

}
