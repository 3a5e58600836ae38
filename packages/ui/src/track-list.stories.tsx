import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { EmptyState } from './empty-state.tsx';
import { ErrorState } from './error-state.tsx';
import { labels, sampleTracks } from './story-fixtures.ts';
import { TrackCard } from './track-card.tsx';
import { TrackList, TrackListSkeleton } from './track-list.tsx';

const meta = {
  title: 'Tracks/TrackList',
  component: TrackList,
  args: {
    label: 'Latest tracks',
    children: sampleTracks.map((track, index) => (
      <TrackCard
        key={track.id}
        track={track}
        href={`/tracks/${track.id}`}
        artistHref={`/${track.username}`}
        onPlay={fn()}
        isPlaying={index === 0}
        playLabel={labels.play}
        pauseLabel={labels.pause}
        likesLabel={labels.likes}
        locale="en"
      />
    )),
  },
  decorators: [(Story) => <div style={{ maxWidth: 720 }}><Story /></div>],
} satisfies Meta<typeof TrackList>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Loading: Story = { render: () => <TrackListSkeleton label="Loading tracks" count={4} /> };
export const Empty: Story = {
  render: () => <EmptyState title="No tracks yet" description="Tracks you upload will appear here." />,
};
export const Failed: Story = {
  render: () => <ErrorState title="Could not load tracks" message="The server did not answer." onRetry={fn()} retryLabel="Retry" />,
};
/** The owner's own list: placeholder art for tracks without a cover, badges on private and unlisted tracks. */
export const OwnerList: Story = {
  args: {
    label: 'Your tracks',
    children: sampleTracks.map((track, index) => (
      <TrackCard
        key={track.id}
        track={{ ...track, visibility: (['public', 'private', 'unlisted'] as const)[index % 3] }}
        href={`/tracks/${track.id}`}
        onPlay={fn()}
        playLabel={labels.play}
        pauseLabel={labels.pause}
        likesLabel={labels.likes}
        visibilityLabel={(v) => (v === 'private' ? 'Private' : 'Unlisted')}
        locale="en"
      />
    )),
  },
};
