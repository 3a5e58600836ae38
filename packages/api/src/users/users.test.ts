import { Track } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('users', () => {
  it('shows a public profile with the count of visible tracks', async () => {
    const ana = await h.signUp('ana');
    const shown = await h.upload(ana.token);
    await h.db.fork().nativeUpdate(Track, { id: shown.id }, { status: 'ready' });
    const { id } = await h.upload(ana.token);
    await ana.api.tracks.update({ id, visibility: 'private' });
    const anon = await h.caller();
    expect(await anon.users.byUsername({ username: 'ANA' })).toMatchObject({ username: 'ana', trackCount: 1, bio: null });
    expect((await ana.api.users.byUsername({ username: 'ana' })).trackCount).toBe(2);
    expect(await anon.users.byUsername({ username: 'ana' })).not.toHaveProperty('email');
  });

  it('updates only the caller’s profile, with bounds', async () => {
    const bob = await h.signUp('bob');
    const me = await bob.api.users.updateProfile({ displayName: ' Bob B. ', bio: 'Beats from Lyon' });
    expect(me).toMatchObject({ username: 'bob', displayName: 'Bob B.', bio: 'Beats from Lyon' });
    expect((await bob.api.users.updateProfile({ bio: null })).bio).toBeNull();
    expect((await trpcError(() => bob.api.users.updateProfile({ bio: 'x'.repeat(1001) }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(async () => (await h.caller()).users.updateProfile({ bio: 'hi' }))).code).toBe('UNAUTHORIZED');
    expect((await trpcError(async () => (await h.caller()).users.byUsername({ username: 'nobody' }))).code).toBe('NOT_FOUND');
  });

  it('refuses control characters in the profile, keeps line breaks in the bio', async () => {
    const cid = await h.signUp('cid');
    for (const input of [{ displayName: 'C\u0000id' }, { displayName: 'two\nlines' }, { bio: 'nul \u0000 byte' }, { bio: '\u001b[2J' }]) {
      const error = await trpcError(() => cid.api.users.updateProfile(input));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(/cannot contain control characters/);
    }
    expect(await cid.api.users.updateProfile({ displayName: 'Cid', bio: 'Line one\r\nLine two' })).toMatchObject({ displayName: 'Cid', bio: 'Line one\nLine two' });
  });
});
