import type { Meta, StoryObj } from '@storybook/react-vite';
import { screenDecorator } from '../../test/story.tsx';
import { LoadMoreTracks } from './load-more-tracks.tsx';

const idle = { hasNextPage: true, isFetchingNextPage: false, isFetchNextPageError: false, fetchNextPage: () => Promise.resolve() };

/** The footer of the home, tag and profile track lists. */
const meta = {
  title: 'Tracks/LoadMoreTracks',
  component: LoadMoreTracks,
  decorators: [screenDecorator, (Story) => <div style={{ maxWidth: 520, padding: 16 }}><Story /></div>],
  args: { query: idle },
} satisfies Meta<typeof LoadMoreTracks>;
export default meta;
type Story = StoryObj<typeof meta>;

export const MorePages: Story = {};
export const Loading: Story = { args: { query: { ...idle, isFetchingNextPage: true } } };
/** The next page failed: the alert, and the button to try again. */
export const NextPageFailed: Story = { args: { query: { ...idle, isFetchNextPageError: true } } };
/** The last page is shown: nothing. */
export const LastPage: Story = { args: { query: { ...idle, hasNextPage: false } } };
