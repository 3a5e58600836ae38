import { Migration } from '@mikro-orm/migrations';

/**
 * Chat search (issue 10): `messages_body_cjk_idx` keeps a body's pairs of adjacent CJK characters as a tsvector
 * (`array_to_tsvector(chat_cjk_bigrams(body))`, searched with `@@ '音楽'`) instead of a text[] (`@>`). Both find the
 * same rows, but an array GIN index asks PostgreSQL to recheck every candidate row, which computed chat_cjk_bigrams
 * (regular expressions and an aggregate) on each of them: 90-130 ms for a 2-character term in 9,000-20,000 of a
 * million messages. A tsvector match of plain lexemes is exact: nothing is recomputed, LIKE alone confirms the
 * sequence. Same name, so everything that names the index still does.
 */
export class Migration20261206151000_chat_search_cjk_tsvector extends Migration {

  override name = 'Migration20261206151000_chat_search_cjk_tsvector';

  override up(): void | Promise<void> {
    this.addSql(`drop index if exists "messages_body_cjk_idx";`);
    this.addSql(`create index "messages_body_cjk_idx" on "messages" using gin (array_to_tsvector(chat_cjk_bigrams("body")));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "messages_body_cjk_idx";`);
    this.addSql(`create index "messages_body_cjk_idx" on "messages" using gin (chat_cjk_bigrams("body"));`);
  }

}
