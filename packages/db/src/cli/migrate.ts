// `pnpm db:migrate` applies pending migrations; `pnpm db:migration:create [name]` writes one from the schema diff.
// Uses DATABASE_URL when set, the embedded PGlite database under DATA_DIR (default ./.data) otherwise.
import { join, resolve } from 'node:path';
import { openDatabase } from '../orm.ts';

const [command, name] = process.argv.slice(2);
const root = resolve(import.meta.dirname, '../../../..');
const db = await openDatabase({
  url: process.env.DATABASE_URL || undefined,
  dataDir: process.env.DATABASE_URL ? undefined : join(resolve(root, process.env.DATA_DIR ?? '.data'), 'db'),
});
try {
  if (command === 'create') {
    await db.migrate();
    const file = await db.createMigration(name);
    console.log(file ? `Created migrations/${file}` : 'The schema is up to date: no migration needed.');
  } else {
    const applied = await db.migrate();
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
  }
} finally {
  await db.close();
}
