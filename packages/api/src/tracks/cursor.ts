import type { TrackPageCursor } from '@veza/db';
import { DomainError } from '../errors.ts';

/** Opaque keyset cursor: base64url of "<ISO date>|<uuid>". */
export const encodeCursor = (c: TrackPageCursor) => Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString('base64url');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Dates a cursor may carry: anything a row can have, well inside what PostgreSQL's timestamptz holds. */
const MIN_TIME = Date.UTC(1970, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const invalid = () => new DomainError('BAD_REQUEST', 'This page link is no longer valid. Start again from the first page.', { cursor: ['Invalid cursor.'] });

/** Only what `encodeCursor` could have written passes: exact ISO form, a real uuid, a date in range. */
export function decodeCursor(cursor: string): TrackPageCursor {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== 2) throw invalid();
  const [iso = '', id = ''] = parts;
  const createdAt = new Date(iso);
  const time = createdAt.getTime();
  if (!UUID.test(id) || Number.isNaN(time) || time < MIN_TIME || time > MAX_TIME || createdAt.toISOString() !== iso) throw invalid();
  return { createdAt, id };
}
