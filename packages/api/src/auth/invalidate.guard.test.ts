// The session cache is only as good as its invalidations. This fails when a writer of session or user rows
// appears in the repositories without being classified here, or when api code calls a writer of a field the
// viewer carries, or of a field auth.me shows (it is cached too), without calling one of the helpers of
// invalidate.ts in the same file.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const API_SRC = fileURLToPath(new URL('..', import.meta.url));
const DB_REPOSITORIES = fileURLToPath(new URL('../../../db/src/repositories', import.meta.url));

/** Writers that change what a viewer is made of (session liveness, elevation, role, lock, the user row). */
const VIEWER_WRITERS = ['revoke', 'revokeOwn', 'revokeAllForUser', 'setElevatedUntil', 'setRole', 'setLockedAt', 'deleteIfStillRequested'];
/** Writers that leave the viewer as it is but change what auth.me shows (email and its verification, password set, 2FA, deletion date). */
const ACCOUNT_WRITERS = ['markEmailVerified', 'setPasswordHash', 'applyEmailChange', 'setDeletionRequestedAt', 'enableTotp', 'disableTotp'];
/** Writers of session or user rows that change neither (refresh hash, last seen, the last TOTP step used). */
const OTHER_WRITERS = ['rotate', 'touchIfStale', 'claimTotpStep'];
const INVALIDATE = /\b(sessionsRevoked|sessionsChanged|usersChanged)\(/;
const INVALIDATE_ACCOUNT = /\b(accountsChanged|usersChanged)\(/;
/** Fields of the user entity that auth.me shows or the viewer carries, assigned on a loaded entity (then flushed). */
const ENTITY_FIELD_WRITE = /\buser\.(username|displayName|bio|email|emailVerifiedAt|passwordHash|totpEnabledAt|role|lockedAt|deletionRequestedAt)\s*=[^=]/;
const writerCall = (names: string[]) => new RegExp(`(Repository\\([^)]*\\)|\\b(sessions|accounts|admin|mfa)\\b)\\.(${names.join('|')})\\(`);

async function sources(dir: string): Promise<{ path: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts'));
  return Promise.all(files.map(async (e) => ({ path: join(e.parentPath, e.name), text: await readFile(join(e.parentPath, e.name), 'utf8') })));
}

/** Repository methods whose body writes the sessions or users table. */
function writersIn(text: string): string[] {
  const names: string[] = [];
  const method = /^ {2}(?:async )?(\w+)(?::\s*(?:async\s*)?\(|\()/gm;
  const starts = [...text.matchAll(method)].map((m) => ({ name: m[1] ?? '', at: m.index }));
  starts.forEach((start, i) => {
    const body = text.slice(start.at, starts[i + 1]?.at ?? text.length);
    if (/native(Update|Delete)\((Session|User)\b/.test(body)) names.push(start.name);
  });
  return names;
}

describe('session cache invalidation', () => {
  it('every repository writer of sessions or users is classified', async () => {
    const found = (await sources(DB_REPOSITORIES)).flatMap((f) => writersIn(f.text));
    expect(found.length).toBeGreaterThan(5);
    const unclassified = found.filter((name) => ![...VIEWER_WRITERS, ...ACCOUNT_WRITERS, ...OTHER_WRITERS].includes(name));
    expect(unclassified, 'classify these in invalidate.guard.test.ts (and invalidate where they are called if the viewer depends on them)').toEqual([]);
  });

  it('api code that calls a viewer writer also invalidates', async () => {
    const call = writerCall(VIEWER_WRITERS);
    const files = (await sources(API_SRC)).filter((f) => /from '@veza\/db'/.test(f.text) && call.test(f.text));
    expect(files.length).toBeGreaterThan(3);
    const forgetful = files.filter((f) => !INVALIDATE.test(f.text)).map((f) => f.path.slice(API_SRC.length));
    expect(forgetful, 'call sessionsRevoked / sessionsChanged / usersChanged (auth/invalidate.ts) after these writes').toEqual([]);
  });

  it('api code that changes what auth.me shows also drops the cached account', async () => {
    const call = writerCall(ACCOUNT_WRITERS);
    const files = (await sources(API_SRC)).filter((f) => (/from '@veza\/db'/.test(f.text) && call.test(f.text)) || ENTITY_FIELD_WRITE.test(f.text));
    expect(files.length).toBeGreaterThan(4);
    const forgetful = files.filter((f) => !INVALIDATE_ACCOUNT.test(f.text)).map((f) => f.path.slice(API_SRC.length));
    expect(forgetful, 'call accountsChanged (or usersChanged) from auth/invalidate.ts after these writes').toEqual([]);
  });
});
