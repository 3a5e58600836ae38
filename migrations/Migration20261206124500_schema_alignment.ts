import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 10 hygiene: three of today's migrations were corrected after some development databases had applied them
 * (the message_reactions foreign keys, the message_attachments kind check, the user_blocks foreign keys). A database
 * that applied an earlier version keeps it, since a migration runs once; this re-states those constraints as the
 * current files and the entities have them, so every database ends the same (see packages/db/src/schema-drift.test.ts).
 * On a database migrated from the current files it drops and re-adds identical constraints: nothing changes.
 */
export class Migration20261206124500_schema_alignment extends Migration {

  override name = 'Migration20261206124500_schema_alignment';

  override up(): void | Promise<void> {
    this.addSql(`alter table "message_reactions" drop constraint if exists "message_reactions_message_id_foreign";`);
    this.addSql(`alter table "message_reactions" drop constraint if exists "message_reactions_user_id_foreign";`);
    this.addSql(`alter table "message_reactions" add constraint "message_reactions_message_id_foreign" foreign key ("message_id") references "messages" ("id") on delete cascade;`);
    this.addSql(`alter table "message_reactions" add constraint "message_reactions_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "message_attachments" drop constraint if exists "message_attachments_kind_check";`);
    this.addSql(`alter table "message_attachments" add constraint "message_attachments_kind_check" check ("kind" in ('image', 'track'));`);

    this.addSql(`alter table "user_blocks" drop constraint if exists "user_blocks_blocker_id_foreign";`);
    this.addSql(`alter table "user_blocks" drop constraint if exists "user_blocks_blocked_id_foreign";`);
    this.addSql(`alter table "user_blocks" add constraint "user_blocks_blocker_id_foreign" foreign key ("blocker_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "user_blocks" add constraint "user_blocks_blocked_id_foreign" foreign key ("blocked_id") references "users" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    // Nothing to undo: the constraints are those the earlier migrations create today, and their down() drops them.
  }

}
