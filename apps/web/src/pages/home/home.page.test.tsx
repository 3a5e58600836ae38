import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aTrack, feedMock, fixtures, resetMockDb, states, trpcMsw } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { describe, expect, it } from 'vitest';
import { usePlayer } from '../../stores/player.ts';
import { textOf } from '../../test/dom.ts';
import type { Language } from '../../i18n.ts';
import type { SessionUser } from '../../stores/session.ts';
import { ana, marc, renderScreen } from '../../test/render.tsx';
import { HomePage } from './home.page.tsx';

const renderHome = () => renderScreen(<HomePage />);

describe('HomePage', () => {
  it('shows a skeleton, then the latest public tracks newest first', async () => {
    renderHome();
    expect(textOf(screen.getByRole('status'))).toBe('Loading tracks…');

    const list = await screen.findByRole('list', { name: 'Latest tracks' });
    const titles = within(list).getAllByRole('heading', { level: 3 }).map(textOf);
    expect(titles[0]).toBe('Morning Static');
    expect(titles).toContain('Night Drive');
    expect(titles).not.toContain('Demo — unfinished'); // private
  });

  it('shows the empty state with a way to upload', async () => {
    server.use(states.emptyTracks());
    renderHome();
    expect(await screen.findByText('No tracks yet — be the first to upload')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Share your first track' }).getAttribute('href')).toBe('/upload');
  });

  it('shows the error state and recovers on retry', async () => {
    server.use(states.error('tracks.list', 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side. Please try again.'));
    renderHome();
    const alert = await screen.findByRole('alert');
    expect(textOf(alert)).toContain("We couldn't load the tracks");

    server.resetHandlers();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Latest tracks' })).toBeTruthy();
  });

  it('loads the next page with "Load more"', async () => {
    const page1 = [aTrack({ id: '00000000-0000-4000-8000-000000000001', title: 'First page' })];
    const page2 = [aTrack({ id: '00000000-0000-4000-8000-000000000002', title: 'Second page' })];
    server.use(trpcMsw.tracks.list.query(({ input }) => (input?.cursor === 'p2' ? { items: page2, nextCursor: null } : { items: page1, nextCursor: 'p2' })));
    renderHome();

    await screen.findByText('First page');
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Second page')).toBeTruthy();
    expect(screen.getByText('First page')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('plays a track from its card in the persistent player', async () => {
    renderHome();
    await userEvent.click(await screen.findByRole('button', { name: 'Play “Night Drive”' }));
    expect(usePlayer.getState()).toMatchObject({ isPlaying: true, track: { title: 'Night Drive', artistName: 'Ana Lima' } });
    expect(screen.getByRole('button', { name: 'Pause “Night Drive”' })).toBeTruthy();
  });

  it('shows visitors the play count of each track', async () => {
    renderHome();
    const list = await screen.findByRole('list', { name: 'Latest tracks' });
    const card = within(list).getByRole('article', { name: 'Lumière froide' });
    expect(textOf(card.querySelector('.vz-track__plays'))).toBe('15k plays15,300 plays');
  });
});

function renderSignedIn(session: SessionUser, url = '/', language: Language = 'en') {
  resetMockDb({ signedInAs: session.username });
  return renderScreen(<HomePage />, { session, url, language });
}

describe('HomePage, signed in', () => {
  it("shows the Following tab: what the people I follow upload and repost, saying why, with the reposter's caption", async () => {
    renderSignedIn(marc);
    expect(screen.getByRole('heading', { level: 1, name: 'Home' })).toBeTruthy();
    const following = await screen.findByRole('tab', { name: 'Following' });
    expect(following.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel', { name: 'Following' })).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Tracks from people you follow' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => textOf(item.querySelector('.vw-feed-reason')))).toEqual([
      "Reposted by Ana LimaAna Lima's caption: The last train home, four minutes of it. Headphones on.",
      'Reposted by Ana Lima',
      'New from Ana Lima',
    ]);
    expect(within(items[0]!).getByRole('heading', { level: 3 }).textContent).toBe('Le dernier métro');
  });

  it('counts the other reposters: "Reposted by Reposter 1 and 4 others", in both languages', async () => {
    resetMockDb({ signedInAs: 'ana' });
    feedMock.crowdReposts('ana', 'Rue des Martyrs', 5);
    const view = renderScreen(<HomePage />, { session: ana });
    expect(await screen.findByText('Reposted by Reposter 1 and 4 others')).toBeTruthy();
    expect(screen.getByText('Everyone should hear this one.')).toBeTruthy();
    view.unmount();
    renderScreen(<HomePage />, { session: ana, language: 'fr' });
    expect(await screen.findByText('Republié par Reposter 1 et 4 autres personnes')).toBeTruthy();
  });

  it('says "and 1 other" for two reposters', async () => {
    resetMockDb({ signedInAs: 'ana' });
    feedMock.crowdReposts('ana', 'Rue des Martyrs', 2);
    renderScreen(<HomePage />, { session: ana });
    expect(await screen.findByText('Reposted by Reposter 1 and 1 other')).toBeTruthy();
  });

  it('invites to follow people when the feed is empty, with the latest uploads below', async () => {
    renderSignedIn(ana);
    expect(await screen.findByRole('heading', { level: 2, name: 'Nothing from the people you follow yet' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Latest uploads' })).toBeTruthy();
    const latest = await screen.findByRole('list', { name: 'Latest tracks' });
    expect(within(latest).getAllByRole('heading', { level: 3 }).map(textOf)[0]).toBe('Morning Static');
  });

  it('shows the error state and recovers on retry', async () => {
    server.use(states.error('feed.home'));
    renderSignedIn(marc);
    const alert = await screen.findByRole('alert');
    expect(textOf(alert)).toContain("We couldn't load your feed");
    server.resetHandlers();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Tracks from people you follow' })).toBeTruthy();
  });

  it('shows a skeleton while the feed loads', async () => {
    server.use(states.loading('feed.home'));
    renderSignedIn(marc);
    expect(textOf(await screen.findByRole('status'))).toBe('Loading your feed…');
  });

  it('loads the next page of the feed', async () => {
    resetMockDb({ signedInAs: 'ana' });
    feedMock.follow('ana', 'lea_m');
    feedMock.manyTracks('lea_m', 14);
    renderScreen(<HomePage />, { session: ana });
    const list = await screen.findByRole('list', { name: 'Tracks from people you follow' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(12);
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    // Her 14 uploads, and her repost of Ana's « Night Drive ».
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(15));
    expect(textOf(within(list).getAllByRole('listitem')[14]!.querySelector('.vw-feed-reason'))).toBe('New from lea_m');
    expect(screen.getByText('Reposted by lea_m')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('switches to Latest with a click or the arrow keys, the choice in the URL, the focus on the tab', async () => {
    renderSignedIn(marc);
    await screen.findByRole('list', { name: 'Tracks from people you follow' });
    await userEvent.click(screen.getByRole('tab', { name: 'Latest' }));
    expect(await screen.findByRole('list', { name: 'Latest tracks' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Latest' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(screen.getByRole('tab', { name: 'Latest' }).id);
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Latest' }));
    await userEvent.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Following' }));
    expect(await screen.findByRole('list', { name: 'Tracks from people you follow' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Latest' }).getAttribute('tabindex')).toBe('-1');
  });

  it('opens on Latest from the URL', async () => {
    renderSignedIn(marc, '/?tab=latest');
    expect(await screen.findByRole('list', { name: 'Latest tracks' })).toBeTruthy();
  });

  it('reposts from a card of the feed', async () => {
    renderSignedIn(marc);
    const list = await screen.findByRole('list', { name: 'Tracks from people you follow' });
    const night = within(list).getByRole('article', { name: 'Night Drive' });
    const button = within(night).getByRole('button', { name: /^Repost \d/ });
    expect(button.textContent).toBe('Repost 1');
    await userEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('true'));
    expect(button.textContent).toBe('Repost 2');
    // Marc's own tracks, reposted by Ana: no Repost for him.
    expect(within(within(list).getByRole('article', { name: 'Le dernier métro' })).queryByRole('button', { name: /^Repost/ })).toBeNull();
    expect(fixtures.tracks.find((t) => t.title === 'Le dernier métro')!.owner.username).toBe('marc.dubois');
  });
});
