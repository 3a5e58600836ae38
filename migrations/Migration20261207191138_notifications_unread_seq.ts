import { Migration } from '@mikro-orm/migrations';

export class Migration20261207191138_notifications_unread_seq extends Migration {

  override name = 'Migration20261207191138_notifications_unread_seq';

  override up(): void | Promise<void> {
    this.addSql(`create index "notifications_unread_seq_idx" on "notifications" ("recipient_id", "seq") where "read_at" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "notifications_unread_seq_idx";`);
  }

}
