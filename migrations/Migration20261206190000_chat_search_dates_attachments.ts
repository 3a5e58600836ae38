import { Migration } from '@mikro-orm/migrations';

/**
 * Chat search's filters (issue 10; search.repository.ts):
 *  - `before:` and `after:` find where their day starts in the messages by the created_at index (the newest message
 *    before the date), so the search walks back from there instead of reading every match of its terms;
 *  - `has:attachment` reads the messages that carry one (2 % of them on the benchmark's data) by partial indexes of
 *    those only: their trigrams, and their ids newest first. `has_attachments` is set when a send claims its
 *    attachments (attachmentsRepository.attach) and cleared when they are removed.
 */
export class Migration20261206190000_chat_search_dates_attachments extends Migration {

  override name = 'Migration20261206190000_chat_search_dates_attachments';

  override up(): void | Promise<void> {
    this.addSql(`create index "messages_created_at_index" on "messages" ("created_at");`);
    this.addSql(`alter table "messages" add "has_attachments" boolean not null default false;`);
    this.addSql(`update "messages" m set "has_attachments" = true where exists (select 1 from "message_attachments" a where a."message_id" = m."id");`);
    this.addSql(`create index "messages_attached_body_trgm_idx" on "messages" using gin ("body" gin_trgm_ops) where "has_attachments";`);
    this.addSql(`create index "messages_attached_id_idx" on "messages" ("id") where "has_attachments";`);
    // The planner's statistics for the new column (has:attachment's plans depend on its share of the messages).
    this.addSql(`analyze "messages";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "messages_attached_id_idx";`);
    this.addSql(`drop index if exists "messages_attached_body_trgm_idx";`);
    this.addSql(`alter table "messages" drop column "has_attachments";`);
    this.addSql(`drop index if exists "messages_created_at_index";`);
  }

}
