// Group avatars (issue 12) over HTTP: /api/groups/:id/cover, the generalised cover route. The owner and admins set
// and remove it; everyone gets it, a private group's too (its face is public); members and strangers cannot change it.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GroupDto } from '@veza/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipart, register, trpcMutation, trpcQuery, type TestApp, type TestUser } from '../test/harness.ts';

let t: TestApp;
let ana: TestUser;
let bob: TestUser;
let cat: TestUser;
let png: Buffer;
beforeAll(async () => {
  t = await createTestApp();
  [ana, bob, cat] = [await register(t.app, 'ana'), await register(t.app, 'bob'), await register(t.app, 'cat')];
  const dir = await mkdtemp(join(tmpdir(), 'veza-group-avatar-'));
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=teal:s=64x64', '-frames:v', '1', join(dir, 'a.png')]);
  png = await readFile(join(dir, 'a.png'));
});
afterAll(() => t.close());

const post = (id: string, content: Buffer, user?: TestUser, filename = 'a.png') => {
  const body = multipart([{ name: 'file', filename, content }]);
  return t.app.inject({ method: 'POST', url: `/api/groups/${id}/cover`, payload: body.payload, headers: { ...body.headers, ...(user?.bearer ?? {}) } });
};
const create = async (isPublic: boolean) => (await trpcMutation<GroupDto>(t.app, 'groups.create', { name: 'Pictured', isPublic }, ana.bearer)).id;

describe('group avatars', () => {
  it('an admin sets it (a new URL per change), everyone gets it, even for a private group; the owner removes it', async () => {
    const id = await create(false);
    await trpcMutation(t.app, 'groups.invite', { id, username: 'bob' }, ana.bearer);
    await trpcMutation(t.app, 'groups.acceptInvite', { id }, bob.bearer);
    await trpcMutation(t.app, 'groups.setRole', { id, userId: bob.id, role: 'admin' }, ana.bearer);

    const res = await post(id, png, bob);
    expect(res.statusCode, res.body).toBe(200);
    const { coverUrl } = res.json<{ coverUrl: string }>();
    expect(coverUrl).toMatch(new RegExp(`^/api/groups/${id}/cover\\?v=\\d+$`));
    const image = await t.app.inject({ url: coverUrl });
    expect(image.statusCode).toBe(200);
    expect(image.headers['cache-control']).toBe('public, max-age=86400');
    expect(image.rawPayload.equals(png)).toBe(true);
    expect((await trpcQuery<GroupDto>(t.app, 'groups.get', { ref: id }, cat.bearer)).avatarUrl).toBe(coverUrl);

    const again = (await post(id, png, ana)).json<{ coverUrl: string }>().coverUrl;
    expect(again).not.toBe(coverUrl);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/groups/${id}/cover`, headers: ana.bearer })).statusCode).toBe(204);
    expect((await t.app.inject({ url: again })).statusCode).toBe(404);
    expect((await trpcQuery<GroupDto>(t.app, 'groups.get', { ref: id })).avatarUrl).toBeNull();
  });

  it('refuses the signed-out, non-admins, bad files and unknown groups, leaving nothing behind', async () => {
    const id = await create(true);
    await trpcMutation(t.app, 'groups.join', { id }, bob.bearer);
    const before = (await t.filesUnder('media')).length;
    expect((await post(id, png)).statusCode).toBe(401);
    const member = await post(id, png, bob);
    expect(member.statusCode).toBe(403);
    expect(member.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await post(id, png, cat)).statusCode).toBe(403);
    expect((await post(crypto.randomUUID(), png, ana)).statusCode).toBe(404);
    expect((await post('not-a-uuid', png, ana)).statusCode).toBe(404);
    expect((await post(id, Buffer.from('not an image at all'), ana, 'evil.png')).statusCode).toBe(415);
    expect((await post(id, Buffer.concat([png, Buffer.alloc(6 * 1024 * 1024)]), ana)).statusCode).toBe(413);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/groups/${id}/cover`, headers: bob.bearer })).statusCode).toBe(403);
    expect((await t.filesUnder('media')).length).toBe(before);
    expect((await t.app.inject({ url: `/api/groups/${id}/cover` })).statusCode).toBe(404);
    expect(await t.filesUnder('tmp')).toEqual([]);
  });
});
