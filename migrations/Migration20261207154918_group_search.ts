import { Migration } from '@mikro-orm/migrations';

/**
 * Group search (issue 12; @veza/db search/): `group_search_document`, the group's full-text document (simple
 * dictionary, accents removed, CJK pairs) weighted A for the name and C for the description, as playlists have it
 * (Migration20261207122627_search), and the GIN indexes declared in the Group entity: the document, and the name's
 * trigrams for typo tolerance.
 */
export class Migration20261207154918_group_search extends Migration {

  override name = 'Migration20261207154918_group_search';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function group_search_document(name text, description text) returns tsvector language sql immutable parallel safe as $$
  select setweight(to_tsvector('simple'::regconfig, public.veza_search_text(name)), 'A')
      || setweight(array_to_tsvector(public.chat_cjk_bigrams(coalesce(name, ''))), 'A')
      || setweight(to_tsvector('simple'::regconfig, public.veza_search_text(description)), 'C')
      || setweight(array_to_tsvector(public.chat_cjk_bigrams(coalesce(description, ''))), 'C')
$$;`);
    this.addSql(`create index "groups_search_idx" on "groups" using gin (group_search_document("name", "description"));`);
    this.addSql(`create index "groups_name_trgm_idx" on "groups" using gin (veza_search_text("name") gin_trgm_ops);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "groups_search_idx";`);
    this.addSql(`drop index "groups_name_trgm_idx";`);
    this.addSql(`drop function if exists group_search_document(text, text);`);
  }

}
