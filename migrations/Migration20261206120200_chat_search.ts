import { Migration } from '@mikro-orm/migrations';

/**
 * Chat message search (issue 10, `chat.messages.search`; see packages/db/src/chat/search.repository.ts):
 *  - `messages_body_trgm_idx` (pg_trgm): terms of 3+ characters anywhere in a word, `body ILIKE '%term%'`, including
 *    Chinese, Japanese and Korean runs of 3+ characters;
 *  - `messages_body_fts_idx`: whole words and word prefixes (`to_tsvector('simple', body) @@ 'dj':*`), and ranking;
 *  - `messages_body_cjk_idx`: the distinct pairs of adjacent CJK characters of a body (`chat_cjk_bigrams`), for CJK
 *    terms of 2 characters, which trigrams cannot look up (`chat_cjk_bigrams(body) @> '{音楽}'`).
 * PGlite loads pg_trgm as an extension of the embedded database (packages/db/src/pglite.ts).
 */
export class Migration20261206120200_chat_search extends Migration {

  override name = 'Migration20261206120200_chat_search';

  override up(): void | Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create or replace function chat_cjk_bigrams(body text) returns text[] language sql immutable strict parallel safe as $$
  select coalesce(array_agg(distinct substr(run[1], i, 2)), '{}')
  from regexp_matches(body, '[\\u1100-\\u11ff\\u3040-\\u30ff\\u3130-\\u318f\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\uff66-\\uff9f]{2,}', 'g') as run,
       generate_series(1, length(run[1]) - 1) as i
$$;`);
    this.addSql(`create index "messages_body_trgm_idx" on "messages" using gin ("body" gin_trgm_ops);`);
    this.addSql(`create index "messages_body_fts_idx" on "messages" using gin (to_tsvector('simple', "body"));`);
    this.addSql(`create index "messages_body_cjk_idx" on "messages" using gin (chat_cjk_bigrams("body"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "messages_body_cjk_idx";`);
    this.addSql(`drop index if exists "messages_body_fts_idx";`);
    this.addSql(`drop index if exists "messages_body_trgm_idx";`);
    this.addSql(`drop function if exists chat_cjk_bigrams(text);`);
  }

}
