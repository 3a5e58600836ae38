import type { Meta, StoryObj } from '@storybook/react-vite';
import { feedMock, states } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { HomePage } from './home.page.tsx';

/** Home as `session` sees it (Marc follows Ana, who reposted two of his tracks; Ana follows nobody). */
const as = (session: ScreenParameters['session'], language: ScreenParameters['language'] = 'en', url = '/'): ScreenParameters => ({ path: '/', url, session, language });

const meta = {
  title: 'Screens/Home',
  component: HomePage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    (parameters.setup as (() => void) | undefined)?.();
  },
  parameters: { layout: 'fullscreen', screen: { path: '/', url: '/' } satisfies ScreenParameters, msw: mocks() },
} satisfies Meta<typeof HomePage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Loading: Story = { parameters: { msw: mocks(states.loading('tracks.list')) } };
export const Empty: Story = { parameters: { msw: mocks(states.emptyTracks()) } };
export const Error: Story = { parameters: { msw: mocks(states.error('tracks.list')) } };
export const French: Story = { parameters: { screen: { path: '/', url: '/', language: 'fr' } satisfies ScreenParameters } };

/** Signed in: the Following tab, each track saying why it is there, the newest reposter's caption under it. */
export const Following: Story = {
  parameters: { screen: as(storyUsers.marc) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('tab', { name: 'Following' })).toHaveAttribute('aria-selected', 'true');
    await expect(await canvas.findByText('The last train home, four minutes of it. Headphones on.')).toBeVisible();
    await expect(canvas.getAllByText('Reposted by Ana Lima')).toHaveLength(2);
    await expect(canvas.getByText('New from Ana Lima')).toBeVisible();
  },
};
/** Five of the people I follow reposted a track: the newest named, the others counted. */
export const RepostedByMany: Story = {
  parameters: { screen: as(storyUsers.ana), setup: () => feedMock.crowdReposts('ana', 'Rue des Martyrs', 5) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Reposted by Reposter 1 and 4 others')).toBeVisible();
  },
};
export const RepostedByManyFrench: Story = {
  parameters: { screen: as(storyUsers.ana, 'fr'), setup: () => feedMock.crowdReposts('ana', 'Rue des Martyrs', 2) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Republié par Reposter 1 et 1 autre personne')).toBeVisible();
  },
};
/** More than a page: "Load more" under the feed. */
export const FollowingPaged: Story = {
  parameters: {
    screen: as(storyUsers.ana),
    setup: () => {
      feedMock.follow('ana', 'lea_m');
      feedMock.manyTracks('lea_m', 14);
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Load more' }));
    await expect(await canvas.findByRole('heading', { level: 3, name: 'Sketch 14' })).toBeVisible();
  },
};
/** Following nobody yet: an invitation to follow people, the latest uploads below. */
export const FollowingEmpty: Story = {
  parameters: { screen: as(storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { level: 2, name: 'Nothing from the people you follow yet' })).toBeVisible();
    await expect(await canvas.findByRole('list', { name: 'Latest tracks' })).toBeVisible();
  },
};
export const FollowingEmptyFrench: Story = { parameters: { screen: as(storyUsers.ana, 'fr') } };
export const FollowingLoading: Story = { parameters: { screen: as(storyUsers.marc), msw: mocks(states.loading('feed.home')) } };
export const FollowingError: Story = {
  parameters: { screen: as(storyUsers.marc), msw: mocks(states.error('feed.home')) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("We couldn't load your feed")).toBeVisible();
  },
};
export const FollowingFrench: Story = { parameters: { screen: as(storyUsers.marc, 'fr') } };
export const FollowingOnPhone: Story = { parameters: { screen: as(storyUsers.marc) }, globals: { viewport: { value: 'mobile2', isRotated: false } } };
/** The Latest tab, chosen with the arrow keys: the latest public tracks, the focus on the tab. */
export const LatestTab: Story = {
  parameters: { screen: as(storyUsers.marc) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    (await canvas.findByRole('tab', { name: 'Following' })).focus();
    await userEvent.keyboard('{ArrowRight}');
    const latest = canvas.getByRole('tab', { name: 'Latest' });
    await expect(latest).toHaveFocus();
    await expect(latest).toHaveAttribute('aria-selected', 'true');
    await expect(await canvas.findByRole('list', { name: 'Latest tracks' })).toBeVisible();
  },
};
