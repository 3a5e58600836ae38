import type { Meta, StoryObj } from '@storybook/react-vite';
import { states } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { ExplorePage } from './explore.page.tsx';

const at = (url: string, language?: 'en' | 'fr'): ScreenParameters => ({ path: '/explore', url, ...(language ? { language } : {}) });

const meta = {
  title: 'Screens/Explore',
  component: ExplorePage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: at('/explore'), msw: mocks() },
} satisfies Meta<typeof ExplorePage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** This week, every genre: ranked rows, the rank beside each. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: 'Trending tracks, this week' });
    await expect(within(list).getByText('Rank 1')).toBeInTheDocument();
    await expect(canvas.getByRole('tab', { name: 'This week' })).toHaveAttribute('aria-selected', 'true');
  },
};
export const Loading: Story = { parameters: { msw: mocks(states.loading('explore.trending')) } };
/** This month, one genre. */
export const MonthOfOneGenre: Story = { parameters: { screen: at('/explore?window=month&genre=chanson') } };
/** A genre with nothing trending: says so, and offers every genre. */
export const EmptyGenre: Story = { parameters: { screen: at('/explore?genre=metal') } };
export const Error: Story = { parameters: { msw: mocks(states.error('explore.trending')) } };
/** The chips are one keyboard stop: the arrow keys move the choice along the row. */
export const KeyboardChips: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('list', { name: 'Trending tracks, this week' });
    canvas.getByRole('radio', { name: 'All' }).focus();
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvas.getByRole('radio', { name: 'Electronic' })).toBeChecked();
    await expect(await canvas.findByRole('list', { name: 'Trending Electronic tracks, this week' })).toBeInTheDocument();
  },
};
/** At 390 px: the chips scroll sideways in their row, the page does not. */
export const OnPhone: Story = {
  globals: { viewport: { value: 'mobile2', isRotated: false } },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('list', { name: 'Trending tracks, this week' });
    await expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(window.innerWidth);
  },
};
export const French: Story = { parameters: { screen: at('/explore?window=rising', 'fr') } };
