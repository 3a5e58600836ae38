import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aTrack, db, fixtures, MOCK_ROOMS, resetMockDb, states, trpcMsw } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { useSession, type SessionUser } from '../../stores/session.ts';
import { descriptionOf, textOf } from '../../test/dom.ts';
import { ana, lea, renderScreen } from '../../test/render.tsx';
import { ProfilePage } from './profile.page.tsx';

const ines: SessionUser = (({ password: _p, ...me }) => me)(fixtures.ines);

function renderProfile(username: string, session: SessionUser | null = null) {
  if (session) resetMockDb({ signedInAs: session.username });
  return renderScreen(<ProfilePage />, { path: '/u/:username', url: `/u/${username}`, session });
}

describe('ProfilePage', () => {
  it("shows the user, their bio, track count and public tracks", async () => {
    renderProfile('ana');
    expect(textOf(await screen.findByRole('heading', { level: 1 }))).toBe('Ana Lima');
    expect(screen.getByText(/@ana · 2 tracks/)).toBeTruthy();
    expect(screen.getByText(/Lo-fi beats from Lisbon/)).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Tracks by Ana Lima' });
    expect(within(list).getAllByRole('heading', { level: 3 }).map(textOf)).toEqual(['Tape Hiss Lullaby', 'Night Drive']);
    expect(screen.queryByRole('button', { name: 'Edit profile' })).toBeNull();
  });

  it('shows the owner their private tracks too', async () => {
    renderProfile('ana', ana);
    const list = await screen.findByRole('list', { name: 'Tracks by Ana Lima' });
    expect(within(list).getAllByRole('heading', { level: 3 }).map(textOf)).toContain('Demo — unfinished');
  });

  it('falls back to the username and shows an empty state', async () => {
    server.use(states.emptyTracks());
    renderProfile('lea_m');
    expect(textOf(await screen.findByRole('heading', { level: 1 }))).toBe('lea_m');
    expect(await screen.findByText("lea_m hasn't shared any tracks yet.")).toBeTruthy();
  });

  it('says when the user does not exist', async () => {
    renderProfile('nobody');
    expect(await screen.findByRole('heading', { level: 1, name: 'This user does not exist' })).toBeTruthy();
  });

  it("has Message on someone else's profile, which opens our conversation", async () => {
    renderProfile('marc.dubois', ana);
    const header = (await screen.findByRole('heading', { level: 1 })).closest('header')!;
    await userEvent.click(within(header).getByRole('button', { name: 'Message Marc Dubois' }));
    expect(await screen.findByTestId('location')).toHaveProperty('textContent', `/chat/${MOCK_ROOMS.dmMarc}`);
  });

  it('has no Message on my own profile, and a sign-in link for visitors', async () => {
    renderProfile('ana', ana);
    await screen.findByRole('button', { name: 'Edit profile' });
    expect(screen.queryByRole('button', { name: /^Message/ })).toBeNull();
    cleanup();
    renderProfile('ana');
    const link = await screen.findByRole('link', { name: 'Message Ana Lima' });
    expect(link.getAttribute('href')).toBe('/login?next=%2Fu%2Fana');
  });

  it('lets the owner edit display name and bio', async () => {
    renderProfile('ana', ana);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    const name = screen.getByLabelText('Display name');
    await userEvent.clear(name);
    await userEvent.type(name, 'Ana L.');
    await userEvent.clear(screen.getByLabelText('Bio'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(textOf(screen.getByRole('heading', { level: 1 }))).toBe('Ana L.'));
    expect(screen.getByText('No bio yet.')).toBeTruthy();
    expect(useSession.getState().user).toMatchObject({ displayName: 'Ana L.', bio: null });
  });

  it("locks a private profile I don't follow: « Private », counts as plain text, and no tracks asked for", async () => {
    let trackQueries = 0;
    server.use(
      http.all(/\/trpc\/tracks\.list/, () => {
        trackQueries += 1;
        return undefined;
      }),
    );
    renderProfile('ines', ana);
    const header = (await screen.findByRole('heading', { level: 1 })).closest('header')!;
    expect(textOf(header.querySelector('.vw-profile__name'))).toBe('Inès MorelPrivatePrivate account');
    expect(within(header).getByText('Private account').className).toBe('vz-sr-only');
    expect(screen.getByRole('heading', { level: 3, name: 'This account is private' })).toBeTruthy();
    expect(screen.getByText('Follow @ines to hear their tracks.')).toBeTruthy();
    expect(textOf(header.querySelector('.vw-profile__counts'))).toBe('0 followers · 0 following · 1 track · 0 likes');
    expect(within(header).queryByRole('link', { name: /followers|following/ })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Tracks by Inès Morel' })).toBeNull();
    expect(trackQueries).toBe(0);
  });

  it('shows the owner their private profile, its tracks, and a link to the follow requests', async () => {
    renderProfile('ines', ines);
    const link = await screen.findByRole('link', { name: 'Follow requests (1)' });
    expect(link.getAttribute('href')).toBe('/follow-requests');
    const list = await screen.findByRole('list', { name: 'Tracks by Inès Morel' });
    expect(within(list).getAllByRole('heading', { level: 3 }).map(textOf)).toEqual(['Salle vide']);
    expect(screen.getByRole('link', { name: '0 followers' })).toBeTruthy();
  });

  it('approves a request from the banner on the requester\'s profile', async () => {
    renderProfile('lea_m', ines);
    expect(await screen.findByText('@lea_m asks to follow you')).toBeTruthy();
    expect(screen.getByText('Approve to let lea_m hear your tracks and see who you follow.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: "Approve lea_m's request" }));
    expect(await screen.findByText('lea_m now follows you.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('@lea_m asks to follow you')).toBeNull());
    expect(screen.getByText('Follows you')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
    expect(db.follows.find((f) => f.followerId === lea.id && f.followeeId === ines.id)?.status).toBe('active');
  });

  it('declines a request from the banner', async () => {
    renderProfile('lea_m', ines);
    await userEvent.click(await screen.findByRole('button', { name: "Decline lea_m's request" }));
    expect(await screen.findByText("You declined lea_m's request.")).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('@lea_m asks to follow you')).toBeNull());
    expect(screen.queryByText('Follows you')).toBeNull();
    expect(db.follows.some((f) => f.followerId === lea.id && f.followeeId === ines.id)).toBe(false);
  });

  it('makes the account private from the edit form, and says what that does', async () => {
    renderProfile('ana', ana);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    const toggle = screen.getByRole('switch', { name: 'Private account' });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    expect(descriptionOf(toggle)).toBe('Only people you approve can follow you and hear your tracks. Turning this off approves everyone waiting.');
    await userEvent.click(toggle);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await screen.findByText('Profile updated.');
    expect(screen.getByText('Private account')).toBeTruthy();
    expect(db.users.find((u) => u.username === 'ana')!.isPrivate).toBe(true);
    expect(useSession.getState().user?.isPrivate).toBe(true);
    // Her tracks stay hers to hear.
    expect(await screen.findByRole('list', { name: 'Tracks by Ana Lima' })).toBeTruthy();
  });

  it('turns a private account public, which approves everyone waiting', async () => {
    renderProfile('ines', ines);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    await userEvent.click(screen.getByRole('switch', { name: 'Private account' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('link', { name: '1 follower' })).toBeTruthy());
    expect(screen.queryByText('Private account')).toBeNull();
    expect(screen.queryByRole('link', { name: /Follow requests/ })).toBeNull();
  });
});

/** A profile at one of its tab URLs, routed as the app does (`/u/:username`, `/reposts`, `/likes`). */
function renderTab(url: string, session: SessionUser | null = null) {
  if (session) resetMockDb({ signedInAs: session.username });
  return renderScreen(<ProfilePage />, { path: '/u/:username/*', url, session });
}

describe('ProfilePage tabs', () => {
  it('has Tracks (with the count), Playlists, Reposts and Likes as tabs, Tracks selected on the profile', async () => {
    renderTab('/u/ana');
    const tablist = await screen.findByRole('tablist', { name: "Ana Lima's tracks, playlists, reposts and likes" });
    const tabs = within(tablist).getAllByRole('tab');
    expect(tabs.map(textOf)).toEqual(['Tracks 2', 'Playlists', 'Reposts', 'Likes']);
    expect(tabs.map((tab) => tab.getAttribute('href'))).toEqual(['/u/ana', '/u/ana/playlists', '/u/ana/reposts', '/u/ana/likes']);
    expect(tabs.map((tab) => tab.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false', 'false']);
    expect(screen.getByRole('tabpanel', { name: 'Tracks 2' })).toBeTruthy();
    expect(await screen.findByRole('list', { name: 'Tracks by Ana Lima' })).toBeTruthy();
  });

  it("lists someone's reposts, newest first, with their captions", async () => {
    renderTab('/u/ana/reposts');
    expect((await screen.findByRole('tab', { name: 'Reposts' })).getAttribute('aria-selected')).toBe('true');
    const list = await screen.findByRole('list', { name: 'Reposts by Ana Lima' });
    expect(within(list).getAllByRole('heading', { level: 3 }).map(textOf)).toEqual(['Le dernier métro', 'Lumière froide']);
    expect(textOf(within(list).getAllByRole('listitem')[0]!.querySelector('.vw-feed-caption'))).toBe("Ana Lima's caption: The last train home, four minutes of it. Headphones on.");
  });

  it('lists the tracks someone likes', async () => {
    renderTab('/u/marc.dubois/likes');
    const list = await screen.findByRole('list', { name: 'Tracks Marc Dubois likes' });
    expect(within(list).getAllByRole('heading', { level: 3 }).map(textOf)).toEqual(['Night Drive']);
  });

  it('says when there are no reposts or likes, to others and to the owner', async () => {
    const view = renderTab('/u/marc.dubois/reposts');
    expect(await screen.findByText("Marc Dubois hasn't reposted any tracks yet.")).toBeTruthy();
    view.unmount();
    renderTab('/u/ana/likes', ana);
    expect(await screen.findByRole('heading', { level: 3, name: 'No likes yet' })).toBeTruthy();
    expect(screen.getByText('Tracks you like show here.')).toBeTruthy();
  });

  it("locks a private profile's reposts and likes, asking for none of them", async () => {
    let asked = 0;
    server.use(
      http.all(/\/trpc\/social\.(reposts|likes)/, () => {
        asked += 1;
        return undefined;
      }),
    );
    renderTab('/u/ines/likes', ana);
    expect(await screen.findByRole('heading', { level: 3, name: 'This account is private' })).toBeTruthy();
    expect(screen.getByText('Follow @ines to see their playlists, reposts and likes.')).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Likes' }).getAttribute('aria-selected')).toBe('true');
    expect(asked).toBe(0);
  });

  it('switches tabs by URL, keeping the focus on the tab (not the page heading)', async () => {
    renderTab('/u/ana');
    await screen.findByRole('list', { name: 'Tracks by Ana Lima' });
    const reposts = screen.getByRole('tab', { name: 'Reposts' });
    await userEvent.click(reposts);
    expect(await screen.findByRole('list', { name: 'Reposts by Ana Lima' })).toBeTruthy();
    expect(reposts.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(reposts);
    await userEvent.keyboard('{ArrowRight}');
    const likes = screen.getByRole('tab', { name: 'Likes' });
    expect(document.activeElement).toBe(likes);
    await waitFor(() => expect(likes.getAttribute('aria-selected')).toBe('true'));
    expect(await screen.findByText("Ana Lima hasn't liked any tracks yet.")).toBeTruthy();
    await userEvent.keyboard('{Home}');
    expect(await screen.findByRole('list', { name: 'Tracks by Ana Lima' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Tracks 2' }));
  });

  it('pages through a long list with "Load more", and offers to retry when it fails', async () => {
    const page = (n: number) => Array.from({ length: 2 }, (_, i) => ({ track: aTrack({ id: `00000000-0000-4000-8000-00000000000${n * 2 + i}`, title: `Liked ${n * 2 + i}` }), at: '2026-12-01T10:00:00.000Z', caption: null }));
    server.use(trpcMsw.social.likes.query(({ input }) => (input.cursor === 'p2' ? { items: page(1), nextCursor: null } : { items: page(0), nextCursor: 'p2' })));
    const view = renderTab('/u/marc.dubois/likes');
    await screen.findByText('Liked 1');
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Liked 3')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    view.unmount();

    server.use(states.error('social.reposts'));
    renderTab('/u/marc.dubois/reposts');
    expect(await screen.findByText("We couldn't load these tracks")).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

