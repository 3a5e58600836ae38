import { Migration } from '@mikro-orm/migrations';

/**
 * Search of tracks, people and playlists (issue 12; @veza/db search/):
 *  - `unaccent` (PGlite loads it as an extension of the embedded database: packages/db/src/pglite.ts) and
 *    `veza_unaccent`, its immutable wrapper (unaccent itself is stable: it reads a dictionary by name, which index
 *    expressions may not do; the wrapper names it by schema, and nothing changes the dictionary under a running
 *    server), and `veza_search_text`: lower case, accents removed, punctuation as spaces (`hip-hop`, `pl1.ana`).
 *  - full-text documents (simple dictionary: no stemming, any language) weighted A for titles and names, B for tags
 *    and the artist tag, C for descriptions, with the pairs of adjacent CJK characters of each field
 *    (`chat_cjk_bigrams`, Migration20261206120200_chat_search): CJK text has no spaces between words.
 *  - GIN indexes on those documents and trigram (pg_trgm) indexes on the names, for typo tolerance; declared in the
 *    entities (Track, User, Playlist) so the schema diff keeps them.
 *  - `search_history`: a person's last 20 distinct searches.
 */
export class Migration20261207122627_search extends Migration {

  override name = 'Migration20261207122627_search';

  override up(): void | Promise<void> {
    this.addSql(`create extension if not exists unaccent;`);
    this.addSql(`create or replace function veza_unaccent(value text) returns text language sql immutable strict parallel safe as $$
  select public.unaccent('public.unaccent'::regdictionary, value)
$$;`);
    this.addSql(`create or replace function veza_search_text(value text) returns text language sql immutable parallel safe as $$
  select lower(regexp_replace(public.veza_unaccent(coalesce(value, '')), '[[:punct:]]+', ' ', 'g'))
$$;`);
    this.addSql(`create or replace function track_search_document(title text, artist text, tags jsonb, description text) returns tsvector language sql immutable parallel safe as $$
  select setweight(to_tsvector('simple'::regconfig, public.veza_search_text(title)), 'A')
      || setweight(array_to_tsvector(public.chat_cjk_bigrams(coalesce(title, ''))), 'A')
      || setweight(to_tsvector('simple'::regconfig, public.veza_search_text(coalesce(artist, '') || ' ' || coalesce(tags::text, ''))), 'B')
      || setweight(array_to_tsvector(public.chat_cjk_bigrams(coalesce(artist, '') || ' ' || coalesce(tags::text, ''))), 'B')
      || setweight(to_tsvector('simple'::regconfig, public.veza_search_text(description)), 'C')
      || setweight(array_to_tsvector(public.chat_cjk_bigrams(coalesce(description, ''))), 'C')
$$;`);
    this.addSql(`create or replace function user_search_name(username text, display_name text) returns text language sql immutable parallel safe as $$
  select public.veza_search_text(coalesce(display_name, '') || ' ' || coalesce(username, ''))
$$;`);
    this.addSql(`create or replace function user_search_document(username text, display_name text) returns tsvector language sql immutable parallel safe as $$
  select setweight(to_tsvector('simple'::regconfig, public.user_search_name(username, display_name)), 'A')
      || setweight(array_to_tsvector(public.chat_cjk_bigrams(coalesce(display_name, ''))), 'A')
$$;`);
    this.addSql(`create or replace function playlist_search_document(title text, description text) returns tsvector language sql immutable parallel safe as $$
  select setweight(to_tsvector('simple'::regconfig, public.veza_search_text(title)), 'A')
      || setweight(array_to_tsvector(public.chat_cjk_bigrams(coalesce(title, ''))), 'A')
      || setweight(to_tsvector('simple'::regconfig, public.veza_search_text(description)), 'C')
      || setweight(array_to_tsvector(public.chat_cjk_bigrams(coalesce(description, ''))), 'C')
$$;`);
    this.addSql(`create table "search_history" ("id" uuid not null, "user_id" uuid not null, "query" varchar(200) not null, "query_key" varchar(400) not null, "searched_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "search_history_user_recent_idx" on "search_history" ("user_id", "searched_at");`);
    this.addSql(`alter table "search_history" add constraint "search_history_user_key_unique" unique ("user_id", "query_key");`);

    this.addSql(`create index "users_search_idx" on "users" using gin (user_search_document("username", "display_name"));`);
    this.addSql(`create index "users_search_name_trgm_idx" on "users" using gin (user_search_name("username", "display_name") gin_trgm_ops);`);

    this.addSql(`create index "tracks_search_idx" on "tracks" using gin (track_search_document("title", "artist", "tags", "description"));`);
    this.addSql(`create index "tracks_title_trgm_idx" on "tracks" using gin (veza_search_text("title") gin_trgm_ops);`);

    this.addSql(`create index "playlists_search_idx" on "playlists" using gin (playlist_search_document("title", "description"));`);
    this.addSql(`create index "playlists_title_trgm_idx" on "playlists" using gin (veza_search_text("title") gin_trgm_ops);`);

    this.addSql(`alter table "search_history" add constraint "search_history_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "search_history" cascade;`);

    this.addSql(`drop index "playlists_search_idx";`);
    this.addSql(`drop index "playlists_title_trgm_idx";`);

    this.addSql(`drop index "tracks_search_idx";`);
    this.addSql(`drop index "tracks_title_trgm_idx";`);

    this.addSql(`drop index "users_search_idx";`);
    this.addSql(`drop index "users_search_name_trgm_idx";`);

    this.addSql(`drop function if exists playlist_search_document(text, text);`);
    this.addSql(`drop function if exists user_search_document(text, text);`);
    this.addSql(`drop function if exists user_search_name(text, text);`);
    this.addSql(`drop function if exists track_search_document(text, text, jsonb, text);`);
    this.addSql(`drop function if exists veza_search_text(text);`);
    this.addSql(`drop function if exists veza_unaccent(text);`);
  }

}
