import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixtures, states, trpcMsw } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../test/dom.ts';
import { renderScreen } from '../../test/render.tsx';
import { ExplorePage } from './explore.page.tsx';
import { exploreHref, readExploreView } from './explore-url.ts';

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.pathname + location.search}</output>;
}
const renderExplore = (url = '/explore') =>
  renderScreen(
    <Routes>
      <Route path="/explore" element={<><ExplorePage /><Where /></>} />
    </Routes>,
    { path: '*', url },
  );
const titles = (list: HTMLElement) => within(list).getAllByRole('heading', { level: 3 }).map(textOf);

describe('ExplorePage', () => {
  it('ranks this week\'s trending tracks, rank numbers beside them', async () => {
    renderExplore();
    expect(textOf(await screen.findByRole('heading', { level: 1 }))).toBe('Explore');
    const list = await screen.findByRole('list', { name: 'Trending tracks, this week' });
    expect(titles(list)).toEqual(['Lumière froide', 'Le dernier métro', 'Night Drive', 'Rue des Martyrs']);
    expect(within(list).getByText('Rank 1')).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'This week', selected: true })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'All' })).toHaveProperty('checked', true);
  });

  it('filters by genre from the chips and keeps the choice in the URL', async () => {
    const user = userEvent.setup();
    renderExplore('/explore?window=month');
    await screen.findByRole('list', { name: 'Trending tracks, this month' });
    await user.click(screen.getByRole('radio', { name: 'Chanson' }));
    const list = await screen.findByRole('list', { name: 'Trending Chanson tracks, this month' });
    expect(titles(list)).toEqual(['Le dernier métro']);
    expect(screen.getByTestId('where').textContent).toBe('/explore?window=month&genre=chanson');
    // Native radio buttons: one Tab stop for the whole row, the choice keyboard-selectable.
    expect(screen.getByRole('radio', { name: 'Chanson' })).toHaveProperty('checked', true);
    await user.click(screen.getByRole('radio', { name: 'All' }));
    expect(screen.getByTestId('where').textContent).toBe('/explore?window=month');
  });

  it('switches the window with the tabs, keeping the genre', async () => {
    const user = userEvent.setup();
    renderExplore('/explore?genre=ambient');
    await screen.findByRole('list', { name: 'Trending Ambient tracks, this week' });
    await user.click(screen.getByRole('tab', { name: 'New & rising' }));
    expect(screen.getByTestId('where').textContent).toBe('/explore?window=rising&genre=ambient');
    expect(await screen.findByRole('tab', { name: 'New & rising', selected: true })).toBeTruthy();
  });

  it('says when a genre has nothing trending and offers every genre', async () => {
    const user = userEvent.setup();
    renderExplore('/explore?genre=metal');
    expect(await screen.findByText('Nothing trending here yet')).toBeTruthy();
    expect(screen.getByText('No Metal tracks are trending this week. Try another genre, or all of them.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Show all genres' }));
    expect(await screen.findByRole('list', { name: 'Trending tracks, this week' })).toBeTruthy();
    expect(screen.getByTestId('where').textContent).toBe('/explore');
  });

  it('pages by rank with Load more', async () => {
    const user = userEvent.setup();
    const [a, b, c] = fixtures.tracks;
    const asked: (number | undefined)[] = [];
    server.use(
      trpcMsw.explore.trending.query(({ input }) => {
        asked.push(input?.afterRank);
        return input?.afterRank === 2
          ? { window: 'week', items: [{ rank: 5, track: c! }], nextAfterRank: null, computedAt: null }
          : { window: 'week', items: [{ rank: 1, track: a! }, { rank: 2, track: b! }], nextAfterRank: 2, computedAt: null };
      }),
    );
    renderExplore();
    const list = await screen.findByRole('list', { name: 'Trending tracks, this week' });
    expect(titles(list)).toEqual([a!.title, b!.title]);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(list).findByText('Rank 5')).toBeTruthy();
    expect(titles(list)).toEqual([a!.title, b!.title, c!.title]);
    expect(asked).toEqual([undefined, 2]);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('shows the error state and retries', async () => {
    server.use(states.error('explore.trending', 'INTERNAL_SERVER_ERROR', 'Boom'));
    const user = userEvent.setup();
    renderExplore();
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('We couldn\'t load trending tracks')).toBeTruthy();
    server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Trending tracks, this week' })).toBeTruthy();
  });

  it('reads unknown windows and genres as the defaults', () => {
    expect(readExploreView(new URLSearchParams('window=year&genre=polka'))).toEqual({ window: 'week', genre: null });
    expect(exploreHref({ window: 'week', genre: null })).toBe('/explore');
    expect(exploreHref({ window: 'rising', genre: 'hip-hop' })).toBe('/explore?window=rising&genre=hip-hop');
  });
});
