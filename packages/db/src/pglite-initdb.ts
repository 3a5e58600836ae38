// Child process of initPgliteDataDir(): creates a PGlite cluster in the directory given as argument, then exits.
import { PGlite } from '@electric-sql/pglite';
import { pgliteStartParams } from './pglite.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: pglite-initdb.ts <dataDir>');
const db = await PGlite.create({ dataDir, startParams: await pgliteStartParams() });
await db.close();
