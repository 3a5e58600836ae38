import type { TrackPageCursor } from '@veza/db';
import { DomainError } from '../errors.ts';

/** Opaque keyset cursor: base64url of "<ISO date>|<uuid>". */
export const encodeCursor = (c: TrackPageCursor) => Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString('base64url');

export function decodeCursor(cursor: string): TrackPageCursor {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new DomainError('BAD_REQUEST', 'This page link is no longer valid.', { cursor: ['Invalid cursor.'] });
  }
  return { createdAt, id };
}
