import type { Meta, StoryObj } from '@storybook/react-vite';
import { aTrack, fixtures, states } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
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
/** The owner sees Edit, the "…" menu (queue actions and Delete) and the File details (format, loudness). */
export const Owner: Story = { parameters: { screen: at(storyUsers.ana) } };
export const OwnerMoreMenu: Story = {
  parameters: { screen: at(storyUsers.ana) },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: /^More actions/ }));
  },
};
/** Listeners see neither File details nor Delete; "Message" beside the artist opens a DM with them. */
export const Listener: Story = { parameters: { screen: at(storyUsers.lea) } };
/** A listener on a phone: the artist, "Message" and the title fit the screen. */
export const ListenerOnPhone: Story = { parameters: { screen: at(storyUsers.lea) }, globals: { viewport: { value: 'mobile2', isRotated: false } } };
/** The owner's private track: a "Private" badge. */
export const Private: Story = { parameters: { screen: at(storyUsers.ana, fixtures.tracks[7]!.id) } };
export const Unlisted: Story = { parameters: { msw: mocks(states.track(aTrack({ visibility: 'unlisted' }))) } };
/** No cover: the track's generated placeholder art. */
export const NoCover: Story = { parameters: { screen: at(null, fixtures.tracks[5]!.id) } };
export const OwnerEditing: Story = {
  parameters: { screen: at(storyUsers.ana) },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Edit' }));
  },
};
export const OwnerConfirmingDelete: Story = {
  parameters: { screen: at(storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /^More actions/ }));
    await userEvent.click(canvas.getByRole('menuitem', { name: 'Delete' }));
  },
};
/** A new cover is chosen in the editor: previewed, and only sent by Save. */
export const OwnerStagedCover: Story = {
  parameters: { screen: at(storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Edit' }));
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
    await userEvent.upload(canvas.getByLabelText(/^Choose/), new File([png], 'cover.png', { type: 'image/png' }));
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
/** In French, the key reads in solfège (« Fa♯ mineur »). */
export const French: Story = { parameters: { screen: { ...at(storyUsers.lea), language: 'fr' } } };
/** The owner's editor in French: the Key select lists « Do majeur » … « Si mineur ». */
export const FrenchOwnerEditing: Story = {
  parameters: { screen: { ...at(storyUsers.ana), language: 'fr' } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Modifier' }));
  },
};
/** The owner turns comments off from the "…" menu: the thread stays readable, with « Turn comments on ». */
export const OwnerTurnsCommentsOff: Story = {
  parameters: { screen: at(storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /^More actions/ }));
    await userEvent.click(canvas.getByRole('menuitem', { name: 'Turn comments off' }));
    await expect(await canvas.findByText('Comments are turned off for this track.')).toBeVisible();
  },
};
/** A track nobody has commented on yet (« Le dernier métro »), as a listener sees it on a phone. */
export const NoCommentsOnPhone: Story = {
  parameters: { screen: at(storyUsers.lea, fixtures.tracks[5]!.id) },
  globals: { viewport: { value: 'mobile2', isRotated: false } },
};
