import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@veza/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetMockDb } from './db.ts';
import { server } from './node.ts';
import { profileMock } from './profile-handlers.ts';

const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: 'http://localhost/trpc' })] });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  profileMock.reset();
  resetMockDb();
});
afterAll(() => server.close());

const upload = (kind: 'avatar' | 'banner', file: File) => {
  const form = new FormData();
  form.append('file', file);
  return fetch(`http://localhost/api/users/me/${kind}`, { method: 'POST', body: form });
};

describe('mock profiles', () => {
  it('shows location, links with their platform and the pinned track', async () => {
    const profile = await api.users.byUsername.query({ username: 'ana' });
    expect(profile.location).toBe('Lisbon, Portugal');
    expect(profile.links.map((l) => l.kind)).toEqual(['bandcamp', 'soundcloud', 'website']);
    expect(profile.pinnedTrack?.title).toBe('Night Drive');
    expect(profile.avatarUrl).toBeNull();
  });

  it('saves links and location; refuses a pin that is not an own ready track', async () => {
    resetMockDb({ signedInAs: 'ana' });
    await api.users.updateProfile.mutate({ location: 'Porto', links: ['https://x.com/ana'] });
    expect(await api.users.byUsername.query({ username: 'ana' })).toMatchObject({ location: 'Porto', links: [{ kind: 'x', label: 'X' }] });
    const error = await api.users.updateProfile.mutate({ pinnedTrackId: '7e1d0c3b-0000-4a00-8000-000000000002' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    await api.users.updateProfile.mutate({ pinnedTrackId: null });
    expect((await api.users.byUsername.query({ username: 'ana' })).pinnedTrack).toBeNull();
  });

  it('uploads, serves and removes an avatar; refuses a non-image, 10 MB + 1 and signed-out uploads', async () => {
    expect((await upload('avatar', new File(['x'], 'a.png', { type: 'image/png' }))).status).toBe(401);
    resetMockDb({ signedInAs: 'ana' });
    const res = await upload('avatar', new File([new Uint8Array([1, 2, 3])], 'a.png', { type: 'image/png' }));
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(/^\/api\/users\/.+\/avatar\?v=[0-9a-f]{16}$/);
    expect((await api.auth.me.query())?.avatarUrl).toBe(url);
    expect((await fetch(`http://localhost${url}&size=64`)).status).toBe(200);
    expect((await upload('avatar', new File(['hello'], 'a.png', { type: 'text/plain' }))).status).toBe(415);
    expect((await upload('banner', new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'b.jpg', { type: 'image/jpeg' }))).status).toBe(413);
    profileMock.failNextUpload(500, 'Storage is down.');
    expect((await upload('banner', new File([new Uint8Array(3)], 'b.jpg', { type: 'image/jpeg' }))).status).toBe(500);
    expect((await fetch('http://localhost/api/users/me/avatar', { method: 'DELETE' })).status).toBe(200);
    expect((await api.users.byUsername.query({ username: 'ana' })).avatarUrl).toBeNull();
  });
});
