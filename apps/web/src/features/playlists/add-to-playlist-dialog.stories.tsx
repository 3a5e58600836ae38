import type { Meta, StoryObj } from '@storybook/react-vite';
import { fixtures, playlistStates, states } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { AddToPlaylistDialog } from './add-to-playlist-dialog.tsx';

const NIGHT_DRIVE = fixtures.tracks.find((t) => t.title === 'Night Drive')!;
const as = (session: ScreenParameters['session'], language: ScreenParameters['language'] = 'en'): ScreenParameters => ({ session, language });
const body = (canvasElement: HTMLElement) => within(canvasElement.ownerDocument.body);

const meta = {
  title: 'Features/Playlists/Add to playlist',
  component: AddToPlaylistDialog,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  args: { open: true, track: NIGHT_DRIVE, onClose: () => undefined },
  parameters: { screen: as(storyUsers.ana), msw: mocks() },
} satisfies Meta<typeof AddToPlaylistDialog>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { parameters: { msw: mocks(states.loading('playlists.editable')) } };
/** Ana's playlists: "Late night drives" already holds the track (checked); "Sketches" is private. */
export const ListWithChecks: Story = {
  play: async ({ canvasElement }) => {
    const dialog = await body(canvasElement).findByRole('dialog', { name: 'Add “Night Drive” to a playlist' });
    await expect(await within(dialog).findByRole('checkbox', { name: /Late night drives/ })).toBeChecked();
    await expect(within(dialog).getByRole('checkbox', { name: /Sketches/ })).not.toBeChecked();
  },
};
/** Checking "Sketches" adds the track at once, and says so. */
export const Adding: Story = {
  play: async ({ canvasElement }) => {
    const dialog = await body(canvasElement).findByRole('dialog', { name: 'Add “Night Drive” to a playlist' });
    await userEvent.click(await within(dialog).findByRole('checkbox', { name: /Sketches/ }));
    await expect(await within(dialog).findByText('Added to “Sketches”.')).toBeVisible();
  },
};
/** Marc sees the playlist he edits with Ana ("shared with you") beside his own. */
export const Collaborator: Story = { parameters: { screen: as(storyUsers.marc) } };
/** No playlist yet: the New playlist form, to create the first one with the track. */
export const Empty: Story = { parameters: { msw: mocks(playlistStates.noneEditable()) } };
/** "New playlist": a title and the public switch. */
export const Creating: Story = {
  play: async ({ canvasElement }) => {
    const dialog = await body(canvasElement).findByRole('dialog', { name: 'Add “Night Drive” to a playlist' });
    await within(dialog).findByRole('checkbox', { name: /Sketches/ });
    await userEvent.click(within(dialog).getByRole('button', { name: 'New playlist' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Rainy days');
  },
};
/** A create refused (no title). */
export const CreateRefused: Story = {
  play: async ({ canvasElement }) => {
    const dialog = await body(canvasElement).findByRole('dialog', { name: 'Add “Night Drive” to a playlist' });
    await within(dialog).findByRole('checkbox', { name: /Sketches/ });
    await userEvent.click(within(dialog).getByRole('button', { name: 'New playlist' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    await expect(await within(dialog).findByText('Give the playlist a title.')).toBeVisible();
  },
};
/** A toggle refused: the box goes back, the reason shows. */
export const ToggleRefused: Story = {
  parameters: { msw: mocks(states.error('playlists.addTracks', 'BAD_REQUEST', 'A playlist holds at most 500 tracks.')) },
  play: async ({ canvasElement }) => {
    const dialog = await body(canvasElement).findByRole('dialog', { name: 'Add “Night Drive” to a playlist' });
    await userEvent.click(await within(dialog).findByRole('checkbox', { name: /Sketches/ }));
    await expect(await within(dialog).findByRole('alert')).toHaveTextContent('A playlist holds at most 500 tracks.');
  },
};
export const Error: Story = { parameters: { msw: mocks(states.error('playlists.editable')) } };
export const French: Story = { parameters: { screen: as(storyUsers.ana, 'fr') } };
