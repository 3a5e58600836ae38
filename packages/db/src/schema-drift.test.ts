// Schema drift (issue 10 hygiene): the migrations, applied to an empty database, must give exactly the schema the
// entities describe. Otherwise the ORM and the database disagree (a foreign key rule, a missing index, a column type)
// and `pnpm db:migration:create` writes the difference into the next person's migration.
//
// Raw SQL objects the diff cannot model are declared on their entity where MikroORM allows it (expression indexes:
// `tracks_tags_gin_idx`, the `messages_body_*_idx` search indexes, `calls_room_id_live_unique`), so the diff keeps
// them. What cannot be declared is listed in ALLOWED below, one statement at a time, with the reason.
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './testing.ts';

interface Allowed {
  /** One statement of the diff, exactly as MikroORM writes it. */
  sql: string;
  why: string;
}

const ALLOWED: Allowed[] = [
  {
    sql: 'drop function if exists "chat_cjk_bigrams"(text);',
    why:
      'chat_cjk_bigrams (Migration20261206120200_chat_search) backs the messages_body_cjk_idx index. The online diff ' +
      'drops every function it was not given as a MikroORM Routine. Declaring it as one is worse: the migrations ' +
      'snapshot stores no routines, so every `pnpm db:migration:create` would then write a `create or replace function` ' +
      'for it (without its `strict parallel safe`). Functions are written in hand-written migrations only.',
  },
  // Search (Migration20261207122627_search, Migration20261207154918_group_search): the functions its GIN indexes are
  // built on, for the same reason.
  ...[
    '"group_search_document"(text, text)',
    '"playlist_search_document"(text, text)',
    '"track_search_document"(text, text, jsonb, text)',
    '"user_search_document"(text, text)',
    '"user_search_name"(text, text)',
    '"veza_search_text"(text)',
    '"veza_unaccent"(text)',
  ].map((signature) => ({
    sql: `drop function if exists ${signature};`,
    why: 'Backs the search indexes (tracks_search_idx, users_search_idx, playlists_search_idx, groups_search_idx and the trigram ones); see chat_cjk_bigrams.',
  })),
];

/** The diff's statements, one per entry (MikroORM ends each with `;` and a line break; bodies may span lines). */
function statements(sql: string): string[] {
  return sql
    .split(/;\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => (s.endsWith(';') ? s : `${s};`));
}

const db = await createTestDatabase();
afterAll(() => db.destroy());

describe(`schema drift (${db.driver})`, () => {
  it('the migrated database is exactly what the entities describe', async () => {
    expect(await db.pendingMigrations()).toEqual([]);
    const diff = statements(await db.schemaDiff());
    const unexpected = diff.filter((s) => !ALLOWED.some((a) => a.sql === s));
    expect(
      unexpected,
      `The migrations and the entities disagree. Fix the entity to match the migration, or add a migration; ` +
        `MikroORM would run:\n\n${unexpected.join('\n')}\n`,
    ).toEqual([]);
    // An allowance no longer needed is removed, so the list never hides a later change.
    const unused = ALLOWED.filter((a) => !diff.includes(a.sql)).map((a) => a.sql);
    expect(unused, 'ALLOWED lists statements the diff no longer has: remove them').toEqual([]);
  });

  it('notices a difference (a changed foreign key rule and a dropped index)', async () => {
    await db.executeSql(`alter table "user_blocks" drop constraint "user_blocks_blocker_id_foreign"`);
    await db.executeSql(
      `alter table "user_blocks" add constraint "user_blocks_blocker_id_foreign" foreign key ("blocker_id") references "users" ("id") on delete cascade`,
    );
    await db.executeSql(`drop index "messages_body_cjk_idx"`);
    const diff = statements(await db.schemaDiff()).join('\n');
    expect(diff).toContain('"user_blocks_blocker_id_foreign" foreign key ("blocker_id") references "users" ("id") on update cascade on delete cascade');
    expect(diff).toContain('create index "messages_body_cjk_idx" on "messages" using gin (array_to_tsvector(chat_cjk_bigrams("body")))');
  });
});
