import type { Meta, StoryObj } from '@storybook/react-vite';
import { aTrack, fixtures, states } from '@veza/mocks';
import { userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { TrackPage } from './track.page.tsx';

const NIGHT_DRIVE = fixtures.tracks[0]!;
const at = (session: ScreenParameters['session'] = null, id = NIGHT_DRIVE.id): ScreenParameters => ({ path: '/tracks/:id', url: `/tracks/${id}`, session });

const meta = {
  title: 'Screens/Track',
  component: TrackPage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: at(), msw: mocks() },
} satisfies Meta<typeof TrackPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Signed out: liking leads to the login page. */
export const Default: Story = {};
/** Signed in as someone else: the like button works (optimistically). */
export const SignedIn: Story = { parameters: { screen: at(storyUsers.lea) } };
export const Liked: Story = { parameters: { screen: at(storyUsers.marc) } };
/** The owner sees Edit and Delete. */
export const Owner: Story = { parameters: { screen: at(storyUsers.ana) } };
export const OwnerEditing: Story = {
  parameters: { screen: at(storyUsers.ana) },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Edit' }));
  },
};
export const OwnerConfirmingDelete: Story = {
  parameters: { screen: at(storyUsers.ana) },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Delete' }));
  },
};
export const LongTitle: Story = {
  parameters: {
    msw: mocks(states.track(aTrack({ title: 'An extremely long title for a very long ambient piece recorded over three nights in a cabin', description: null, durationMs: null }))),
  },
};
/** Cover, tags, BPM, key, loudness and lyrics (collapsed). */
export const WithMetadata: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByText('Lyrics'));
  },
};
/** Still being transcoded: playable from the original meanwhile. */
export const Processing: Story = { parameters: { screen: at(null, fixtures.tracks[2]!.id) } };
export const Queued: Story = { parameters: { screen: at(null, fixtures.tracks[6]!.id) } };
export const ProcessingFailed: Story = { parameters: { screen: at(storyUsers.ana, fixtures.tracks[4]!.id) } };
export const Loading: Story = { parameters: { msw: mocks(states.loading('tracks.byId')) } };
export const NotFound: Story = { parameters: { screen: at(null, fixtures.tracks[7]!.id) } };
export const Error: Story = { parameters: { msw: mocks(states.error('tracks.byId')) } };
/** The like is refused by the server: the heart comes back and a toast explains. */
export const LikeFails: Story = {
  parameters: { screen: at(storyUsers.lea), msw: mocks(states.error('tracks.like')) },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: /^Like/ }));
  },
};
export const French: Story = { parameters: { screen: { ...at(storyUsers.lea), language: 'fr' } } };
