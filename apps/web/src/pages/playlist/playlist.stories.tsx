import type { Meta, StoryObj } from '@storybook/react-vite';
import { fixtures, MOCK_PLAYLISTS, playlistsMock, states } from '@veza/mocks';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { MockPlaylistFeed } from '../../features/playlists/mock-playlist-feed.tsx';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { PlaylistPage } from './playlist.page.tsx';

const at = (id: string, session: ScreenParameters['session'] = null, language: ScreenParameters['language'] = 'en'): ScreenParameters => ({
  path: '/playlists/:id',
  url: `/playlists/${id}`,
  session,
  language,
});
const idOf = (title: string) => fixtures.tracks.find((t) => t.title === title)!.id;
const phone = { viewport: { value: 'mobile2', isRotated: false } };

const meta = {
  title: 'Screens/Playlist',
  component: PlaylistPage,
  decorators: [
    (Story) => (
      <MockPlaylistFeed>
        <Story />
      </MockPlaylistFeed>
    ),
    screenDecorator,
  ],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    (parameters.setup as (() => void) | undefined)?.();
  },
  parameters: { layout: 'fullscreen', screen: at(MOCK_PLAYLISTS.lateNight), msw: mocks() },
} satisfies Meta<typeof PlaylistPage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { parameters: { msw: mocks(states.loading('playlists.byId')) } };
/** Signed out: Play all, Shuffle, the tracks with who added them; Like and Repost lead to sign in. */
export const Visitor: Story = {};
/** Ana owns it: the "⋯" menu (Edit, Collaborators, Delete), drag handles, Move up / Move down / Remove in each row. */
export const Owner: Story = {
  parameters: { screen: at(MOCK_PLAYLISTS.lateNight, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Move “Night Drive”, track 1 of 4' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'More actions for the playlist “Late night drives”' })).toBeVisible();
  },
};
/** The owner's Edit dialog. */
export const OwnerEditing: Story = {
  parameters: { screen: at(MOCK_PLAYLISTS.lateNight, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'More actions for the playlist “Late night drives”' }));
    await userEvent.click(canvas.getByRole('menuitem', { name: 'Edit' }));
    await expect(await within(canvasElement.ownerDocument.body).findByRole('dialog', { name: 'Edit playlist' })).toBeVisible();
  },
};
/** The owner's Collaborators dialog: Marc edits, Léa is invited; invite by username. */
export const OwnerCollaborators: Story = {
  parameters: { screen: at(MOCK_PLAYLISTS.lateNight, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'More actions for the playlist “Late night drives”' }));
    await userEvent.click(canvas.getByRole('menuitem', { name: 'Collaborators' }));
    const dialog = await within(canvasElement.ownerDocument.body).findByRole('dialog', { name: 'Collaborators' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Invite by username' }), 'nobody_here');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Invite' }));
    await expect(await within(dialog).findByRole('alert')).toHaveTextContent('There is nobody called @nobody_here on Veza.');
  },
};
/** The delete confirmation. */
export const OwnerDeleting: Story = {
  parameters: { screen: at(MOCK_PLAYLISTS.lateNight, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'More actions for the playlist “Late night drives”' }));
    await userEvent.click(canvas.getByRole('menuitem', { name: 'Delete' }));
    await expect(await within(canvasElement.ownerDocument.body).findByRole('dialog', { name: 'Delete this playlist?' })).toBeVisible();
  },
};
/** Marc collaborates: he reorders and removes tracks, and has "Collaborators" (to leave) instead of the owner's menu. */
export const Collaborator: Story = {
  parameters: { screen: at(MOCK_PLAYLISTS.lateNight, storyUsers.marc) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Collaborators' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'More actions for “Rue des Martyrs”' }));
    await userEvent.click(canvas.getByRole('menuitem', { name: 'Move up' }));
    const list = canvas.getByRole('list', { name: 'Tracks of “Late night drives”' });
    await waitFor(() => expect(within(list).getAllByRole('heading', { level: 3 })[0]).toHaveTextContent('Rue des Martyrs'));
  },
};
/** Léa is invited: the banner with Accept and Decline. */
export const Invited: Story = { parameters: { screen: at(MOCK_PLAYLISTS.lateNight, storyUsers.lea) } };
/** Someone else reorders while Ana looks: the list follows, and says who changed it. */
export const LiveUpdate: Story = {
  parameters: { screen: at(MOCK_PLAYLISTS.lateNight, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('list', { name: 'Tracks of “Late night drives”' });
    playlistsMock.moveAs('marc.dubois', MOCK_PLAYLISTS.lateNight, idOf('Le dernier métro'), null);
    // The cue fades in.
    await waitFor(() => expect(canvas.getByText('Marc Dubois updated this playlist.')).toBeVisible());
  },
};
/** The owner deletes it while Marc looks. */
export const DeletedLive: Story = {
  parameters: { screen: at(MOCK_PLAYLISTS.lateNight, storyUsers.marc) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('list', { name: 'Tracks of “Late night drives”' });
    playlistsMock.deleteElsewhere(MOCK_PLAYLISTS.lateNight);
    await expect(await canvas.findByText('Its owner deleted it while you were looking at it.')).toBeVisible();
  },
};
/** No tracks yet, as its owner sees it. */
export const Empty: Story = { parameters: { screen: at(MOCK_PLAYLISTS.empty, storyUsers.lea) } };
/** No tracks yet, as a visitor sees it. */
export const EmptyVisitor: Story = { parameters: { screen: at(MOCK_PLAYLISTS.empty) } };
/** Ana's private playlist, as she sees it. */
export const Private: Story = { parameters: { screen: at(MOCK_PLAYLISTS.sketches, storyUsers.ana) } };
export const NotFound: Story = { parameters: { screen: at(MOCK_PLAYLISTS.sketches, storyUsers.marc) } };
export const Error: Story = { parameters: { msw: mocks(states.error('playlists.byId')) } };
export const OwnerOnPhone: Story = { parameters: { screen: at(MOCK_PLAYLISTS.lateNight, storyUsers.ana) }, globals: phone };
export const InvitedOnPhone: Story = { parameters: { screen: at(MOCK_PLAYLISTS.lateNight, storyUsers.lea) }, globals: phone };
export const French: Story = { parameters: { screen: at(MOCK_PLAYLISTS.lateNight, storyUsers.ana, 'fr') } };
