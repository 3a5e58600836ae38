import type { Meta, StoryObj } from '@storybook/react-vite';
import { groupsMock, MOCK_GROUP_REFS, states } from '@veza/mocks';
import { expect, screen, userEvent, waitFor, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { GroupPage } from './group.page.tsx';

const { lofi, tape } = MOCK_GROUP_REFS;
const at = (url: string, session: ScreenParameters['session'], language: ScreenParameters['language'] = 'en'): ScreenParameters => ({ path: '/groups/:ref/:tab?', url, session, language });

const meta = {
  title: 'Screens/Groups/Group',
  component: GroupPage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    (parameters.setup as (() => void) | undefined)?.();
  },
  // Lo-fi Night Club (public): Ana owns it, Marc is an admin, Léa a member. Tape Club (private, Ana's): Marc is a
  // member, Léa asked to join, Inès is invited.
  parameters: { layout: 'fullscreen', screen: at(`/groups/${lofi.slug}`, storyUsers.ana), msw: mocks() },
} satisfies Meta<typeof GroupPage>;
export default meta;
type Story = StoryObj<typeof meta>;

const tablist = async (canvasElement: HTMLElement) => within(await within(canvasElement).findByRole('tablist'));

// --- About -----------------------------------------------------------------------------------------------------

/** The owner: every tab, the facts, the chat link, and no Leave (the owner hands the group over first). */
export const OwnerAbout: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const tabs = await tablist(canvasElement);
    await expect(tabs.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['About', 'Feed', 'Members', 'Requests', 'Settings']);
    await expect(tabs.getByRole('tab', { name: 'About' })).toHaveAttribute('aria-selected', 'true');
    await expect(canvas.getAllByText('3 members')[0]).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'Open the group chat' })).toHaveAttribute('href', '/chat/9b000000-0000-4000-8000-000000000001');
    await expect(canvas.getByText(/You own this group/)).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Leave the group' })).toBeNull();
  },
};
/** Someone outside a public group: about, feed and members; Join makes them a member (and the chat appears). */
export const PublicVisitorJoins: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}`, storyUsers.ines) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const tabs = await tablist(canvasElement);
    await expect(tabs.getAllByRole('tab')).toHaveLength(3);
    await expect(canvas.queryByRole('link', { name: 'Open the group chat' })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Join the group' }));
    await expect(await canvas.findByText('You joined Lo-fi Night Club.')).toBeVisible();
    await expect(await canvas.findByRole('link', { name: 'Open the group chat' })).toBeVisible();
    await expect((await canvas.findAllByText('4 members'))[0]).toBeVisible();
  },
};
/** A private group seen from outside: the about card only, and "Request to join"; the request is then pending. */
export const PrivateOutsiderRequests: Story = {
  parameters: { screen: at(`/groups/${tape.slug}`, storyUsers.lea), setup: () => groupsMock.clearPending(tape.id) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const tabs = await tablist(canvasElement);
    await expect(tabs.getAllByRole('tab')).toHaveLength(1);
    await expect(canvas.getByText('This group is private')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Request to join' }));
    await expect(await canvas.findByText('Your request was sent: an admin will answer it.')).toBeVisible();
    await expect(canvas.getByText('Request sent')).toBeVisible();
  },
};
/** A pending request can be withdrawn. */
export const PrivateRequestPending: Story = {
  parameters: { screen: at(`/groups/${tape.slug}`, storyUsers.lea) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Withdraw my request' }));
    await expect(await canvas.findByRole('button', { name: 'Request to join' })).toBeVisible();
  },
};
/** Invited to a private group: Accept opens it (feed and members tabs, the chat). */
export const PrivateInvited: Story = {
  parameters: { screen: at(`/groups/${tape.slug}`, storyUsers.ines) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('You were invited to this group.')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Accept' }));
    await expect(await canvas.findByRole('link', { name: 'Open the group chat' })).toBeVisible();
    await expect((await tablist(canvasElement)).getAllByRole('tab')).toHaveLength(3);
  },
};
/** Signed out: a private group's about card, and a sign-in link that comes back here. */
export const SignedOutPrivate: Story = {
  parameters: { screen: at(`/groups/${tape.slug}`, null) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('link', { name: 'Sign in to request to join' })).toHaveAttribute('href', `/login?next=${encodeURIComponent(`/groups/${tape.slug}`)}`);
  },
};
/** A member leaves after confirming. */
export const MemberLeaves: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}`, storyUsers.lea) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Leave the group' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave Lo-fi Night Club?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Leave the group' }));
    await expect(await canvas.findByText('You left Lo-fi Night Club.')).toBeVisible();
    await expect(await canvas.findByRole('button', { name: 'Join the group' })).toBeVisible();
  },
};
/** A tab one may not see (settings, as a member) opens the about tab. */
export const TabNotAllowed: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/settings`, storyUsers.lea) },
  play: async ({ canvasElement }) => {
    const tabs = await tablist(canvasElement);
    await expect(tabs.getByRole('tab', { name: 'About' })).toHaveAttribute('aria-selected', 'true');
    await expect(tabs.queryByRole('tab', { name: 'Settings' })).toBeNull();
  },
};
export const NotFound: Story = {
  parameters: { screen: at('/groups/no-such-group', storyUsers.ana) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Group not found')).toBeVisible();
  },
};
export const Loading: Story = { parameters: { msw: mocks(states.loading('groups.get')) } };
export const Error: Story = {
  parameters: { msw: mocks(states.error('groups.get')) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('We could not load this group')).toBeVisible();
  },
};

// --- Feed ------------------------------------------------------------------------------------------------------

/** The feed, newest first: a track (playable) and a playlist, with comments; the owner may remove each. */
export const Feed: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/feed`, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const posts = await canvas.findByRole('list', { name: 'Group feed' });
    await expect(within(posts).getAllByRole('article', { name: / shared / })).toHaveLength(2);
    await expect(within(posts).getByText('New one, made on the Juno.')).toBeVisible();
    await expect(within(posts).getByRole('button', { name: 'Play “Lumière froide”' })).toBeVisible();
    await expect(within(posts).getByRole('link', { name: 'Late night drives' })).toHaveAttribute('href', expect.stringContaining('/playlists/'));
    await expect(within(posts).getAllByRole('button', { name: /^Remove the post of/ })).toHaveLength(2);
  },
};
/** Sharing one of my public tracks with a comment: it tops the feed. */
export const PostTrack: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/feed`, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const select = await canvas.findByRole('combobox', { name: 'One of your public tracks' });
    await waitFor(() => expect(within(select).getByRole('option', { name: 'Night Drive' })).toBeInTheDocument());
    await expect(within(select).queryByRole('option', { name: 'Demo — unfinished' })).toBeNull();
    await userEvent.selectOptions(select, 'Night Drive');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Comment (optional)' }), 'Rainy night take');
    await userEvent.click(canvas.getByRole('button', { name: 'Share' }));
    await expect(await canvas.findByText('Shared with the group.')).toBeVisible();
    const posts = canvas.getByRole('list', { name: 'Group feed' });
    await waitFor(() => expect(within(posts).getAllByRole('article', { name: / shared / })[0]).toHaveAccessibleName('Ana Lima shared Night Drive'));
  },
};
/** A playlist by its link: a link that is not one is refused before sending. */
export const PostByLink: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/feed`, storyUsers.lea) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('radio', { name: 'A playlist' }));
    const select = await canvas.findByRole('combobox', { name: 'One of your public playlists' });
    await userEvent.selectOptions(select, 'Another one, by its link…');
    const field = canvas.getByRole('textbox', { name: 'Link or id of a public playlist' });
    await userEvent.type(field, 'https://example.com/not-a-playlist');
    await userEvent.click(canvas.getByRole('button', { name: 'Share' }));
    await expect(await canvas.findByText('Paste the link of a playlist (…/playlists/…) or its id.')).toBeVisible();
    await userEvent.clear(field);
    await userEvent.type(field, 'https://veza.example/playlists/7a000000-0000-4000-8000-000000000003');
    await userEvent.click(canvas.getByRole('button', { name: 'Share' }));
    await expect(await canvas.findByText('Shared with the group.')).toBeVisible();
  },
};
/** The owner removes someone's post after confirming. */
export const RemovePost: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/feed`, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Remove the post of Lumière froide' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove this post?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await expect(await canvas.findByText('Post removed.')).toBeVisible();
    await waitFor(() => expect(within(canvas.getByRole('list', { name: 'Group feed' })).getAllByRole('article', { name: / shared / })).toHaveLength(1));
  },
};
/** A visitor of a public group reads the feed but is asked to join to post; nothing to remove. */
export const FeedVisitor: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/feed`, storyUsers.ines) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Join the group to share tracks and playlists here.')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: /^Remove the post/ })).toBeNull();
  },
};
export const FeedEmpty: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/feed`, storyUsers.lea), setup: () => groupsMock.clearFeed(lofi.id) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Nothing shared yet')).toBeVisible();
  },
};
export const FeedLoading: Story = { parameters: { screen: at(`/groups/${lofi.slug}/feed`, storyUsers.ana), msw: mocks(states.loading('groups.feed')) } };
export const FeedError: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/feed`, storyUsers.ana), msw: mocks(states.error('groups.feed')) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('We could not load the feed')).toBeVisible();
  },
};

// --- Members ---------------------------------------------------------------------------------------------------

/** Roles shown; the owner makes Léa an admin from her menu. */
export const Members: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/members`, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: 'Members' });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    await expect(within(list).getByText('Admin')).toBeVisible();
    await userEvent.click(within(list).getByRole('button', { name: 'Actions for lea_m' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Make admin' }));
    await expect(await canvas.findByText('lea_m is now an admin.')).toBeVisible();
  },
};
/** Handing the group over asks first; then Marc owns it and Ana is an admin. */
export const TransferOwnership: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/members`, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Actions for Marc Dubois' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Make owner' }));
    const dialog = await screen.findByRole('dialog', { name: 'Make Marc Dubois the owner?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Make owner' }));
    await expect(await canvas.findByText('Marc Dubois now owns the group.')).toBeVisible();
    await waitFor(() => expect(canvas.queryByRole('button', { name: 'Actions for Marc Dubois' })).toBeNull());
  },
};
/** Banning asks first, then the person leaves the list. */
export const Ban: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/members`, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Actions for lea_m' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Ban' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ban lea_m?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ban' }));
    await expect(await canvas.findByText('lea_m was banned from the group.')).toBeVisible();
    await waitFor(() => expect(within(canvas.getByRole('list', { name: 'Members' })).getAllByRole('listitem')).toHaveLength(2));
  },
};
/** An admin acts on plain members only: no menu for the owner, and no "Make admin". */
export const MembersAsAdmin: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/members`, storyUsers.marc) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Actions for lea_m' })).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Actions for Ana Lima' })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Actions for lea_m' }));
    await expect(await screen.findByRole('menuitem', { name: 'Remove from the group' })).toBeVisible();
    await expect(screen.queryByRole('menuitem', { name: 'Make admin' })).toBeNull();
    await userEvent.keyboard('{Escape}');
  },
};
export const MembersError: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/members`, storyUsers.ana), msw: mocks(states.error('groups.members')) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('We could not load the members')).toBeVisible();
  },
};

// --- Requests --------------------------------------------------------------------------------------------------

/** Léa asked to join Tape Club: Accept makes her a member and empties the list. */
export const Requests: Story = {
  parameters: { screen: at(`/groups/${tape.slug}/requests`, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: "Accept lea_m's request" }));
    await expect(await canvas.findByText('lea_m is now a member.')).toBeVisible();
    await expect(await canvas.findByText('No requests')).toBeVisible();
  },
};
export const RequestDeclined: Story = {
  parameters: { screen: at(`/groups/${tape.slug}/requests`, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: "Decline lea_m's request" }));
    await expect(await canvas.findByText("You declined lea_m's request.")).toBeVisible();
  },
};
export const RequestsEmpty: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/requests`, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('This group is public: people join it directly.')).toBeVisible();
  },
};
export const RequestsLoading: Story = { parameters: { screen: at(`/groups/${tape.slug}/requests`, storyUsers.ana), msw: mocks(states.loading('groups.requests')) } };

// --- Settings --------------------------------------------------------------------------------------------------

/** Editing the details: the name is saved (and shown in the heading). */
export const SettingsEdit: Story = {
  parameters: { screen: at(`/groups/${tape.slug}/settings`, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const name = await canvas.findByRole('textbox', { name: /Name/ });
    await userEvent.clear(name);
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }));
    await expect(await canvas.findByText('Give the group a name.')).toBeVisible();
    await userEvent.type(name, 'Tape Club Deluxe');
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }));
    await expect(await canvas.findByText('Group saved.')).toBeVisible();
    await expect(await canvas.findByRole('heading', { level: 1, name: 'Tape Club Deluxe' })).toBeVisible();
  },
};
/** Inviting by username: a known person is invited; an unknown name says so. */
export const SettingsInvite: Story = {
  parameters: { screen: at(`/groups/${tape.slug}/settings`, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const field = await canvas.findByRole('textbox', { name: 'Username' });
    await userEvent.type(field, 'nobody_here');
    await userEvent.click(canvas.getByRole('button', { name: 'Invite' }));
    await expect(await canvas.findByText('No such person.')).toBeVisible();
    await userEvent.clear(field);
    await userEvent.type(field, 'lea_m');
    await userEvent.click(canvas.getByRole('button', { name: 'Invite' }));
    await expect(await canvas.findByText('lea_m was invited.')).toBeVisible();
  },
};
/** Invite links: a new one is shown once with Copy; an active one is revoked after confirming. */
export const SettingsLinks: Story = {
  parameters: { screen: at(`/groups/${tape.slug}/settings`, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const links = await canvas.findByRole('list', { name: 'Invite links' });
    await expect(within(links).getByText(/used once/)).toBeVisible();
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Expires' }), 'After 7 days');
    await userEvent.click(canvas.getByRole('button', { name: 'Create a link' }));
    const made = await canvas.findByRole('textbox', { name: 'New invite link' });
    await expect((made as HTMLInputElement).value).toMatch(/\/groups\/join\/[A-Za-z0-9_-]{43}$/);
    await waitFor(() => expect(within(links).getAllByRole('listitem')).toHaveLength(2));
    await userEvent.click(within(links).getAllByRole('button', { name: /^Revoke the link/ })[1]!);
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this link?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await expect(await canvas.findByText('Link revoked.')).toBeVisible();
    await expect(await within(links).findByText(/revoked/)).toBeVisible();
  },
};
/** Bans: Léa is banned; Unban lifts it. */
export const SettingsBans: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/settings`, storyUsers.ana), setup: () => groupsMock.ban(lofi.id, 'lea_m') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Unban lea_m' }));
    await expect(await canvas.findByText('Ban lifted.')).toBeVisible();
    await expect(await canvas.findByText('Nobody is banned')).toBeVisible();
  },
};
/** Deleting asks first, then goes back to the groups. */
export const SettingsDelete: Story = {
  parameters: { screen: at(`/groups/${tape.slug}/settings`, storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Delete the group' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Tape Club?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete the group' }));
    await expect(await canvas.findByText('Tape Club was deleted.')).toBeVisible();
    await expect(await canvas.findByTestId('location')).toHaveTextContent('/groups');
  },
};
/** An admin (not the owner) has every section but deletion. */
export const SettingsAsAdmin: Story = {
  parameters: { screen: at(`/groups/${lofi.slug}/settings`, storyUsers.marc) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'Invite links' })).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Delete the group' })).toBeNull();
  },
};

export const OnPhone: Story = { globals: { viewport: { value: 'mobile2', isRotated: false } } };
export const SettingsOnPhone: Story = { parameters: { screen: at(`/groups/${tape.slug}/settings`, storyUsers.ana) }, globals: { viewport: { value: 'mobile2', isRotated: false } } };
export const French: Story = {
  parameters: { screen: at(`/groups/${tape.slug}/members`, storyUsers.ana, 'fr') },
  play: async ({ canvasElement }) => {
    const tabs = await tablist(canvasElement);
    await expect(tabs.getByRole('tab', { name: 'Paramètres' })).toBeVisible();
    await expect(await within(canvasElement).findByText('Propriétaire')).toBeVisible();
  },
};
