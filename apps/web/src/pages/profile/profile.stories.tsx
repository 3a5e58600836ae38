import type { Meta, StoryObj } from '@storybook/react-vite';
import { socialMock, states } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { ProfilePage } from './profile.page.tsx';

const at = (username: string, session: ScreenParameters['session'] = null): ScreenParameters => ({ path: '/u/:username', url: `/u/${username}`, session });

const meta = {
  title: 'Screens/Profile',
  component: ProfilePage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    (parameters.setup as (() => void) | undefined)?.();
  },
  parameters: { layout: 'fullscreen', screen: at('marc.dubois'), msw: mocks() },
} satisfies Meta<typeof ProfilePage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
/** A signed-in visitor: Message (opens our DM) and the "…" menu beside it. */
export const Visitor: Story = { parameters: { screen: at('marc.dubois', storyUsers.ana) } };
/** Following Marc from his profile: the button turns to "Following" and his follower count goes up. */
export const VisitorFollows: Story = {
  parameters: { screen: at('marc.dubois', storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const button = await canvas.findByRole('button', { name: 'Follow Marc Dubois' });
    await userEvent.click(button);
    await expect(await canvas.findByText('1 follower')).toBeVisible();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  },
};
/** The same on a phone: the actions go under the name, inside the screen. */
export const VisitorOnPhone: Story = { parameters: { screen: at('marc.dubois', storyUsers.ana) }, globals: { viewport: { value: 'mobile2', isRotated: false } } };
/** The owner also sees private tracks and can edit the profile. */
export const Owner: Story = { parameters: { screen: at('ana', storyUsers.ana) } };
export const OwnerEditing: Story = {
  parameters: { screen: at('ana', storyUsers.ana) },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Edit profile' }));
  },
};
/** No display name, no bio. */
export const Minimal: Story = { parameters: { screen: at('lea_m') } };
export const Empty: Story = { parameters: { msw: mocks(states.emptyTracks()) } };
export const EmptyOwner: Story = { parameters: { screen: at('ana', storyUsers.ana), msw: mocks(states.emptyTracks()) } };
export const Loading: Story = { parameters: { msw: mocks(states.loading('users.byUsername')) } };
export const TracksLoading: Story = { parameters: { msw: mocks(states.loading('tracks.list')) } };
export const NotFound: Story = { parameters: { screen: at('nobody') } };
export const Error: Story = { parameters: { msw: mocks(states.error('users.byUsername')) } };
export const French: Story = { parameters: { screen: { ...at('ana'), language: 'fr' } } };

/** A private profile I don't follow: « Private » by the name, the counts as plain text, a lock where the tracks would be. */
export const Locked: Story = {
  parameters: { screen: at('ines', storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { level: 3, name: 'This account is private' })).toBeVisible();
    await expect(canvas.getByText('Follow @ines to hear their tracks.')).toBeVisible();
    await expect(canvas.queryByRole('link', { name: '0 followers' })).toBeNull();
    // The button shows once the follow state is known, which may come after the lock.
    await userEvent.click(await canvas.findByRole('button', { name: 'Follow Inès Morel' }));
    await expect(await canvas.findByText('Your request to follow @ines is waiting for their approval.')).toBeVisible();
  },
};
/** Asked already: « Requested », and the lock says the request waits. */
export const LockedRequested: Story = { parameters: { screen: at('ines', storyUsers.lea) } };
/** Signed out: the lock, and Follow is a link to sign in. */
export const LockedSignedOut: Story = { parameters: { screen: at('ines') } };
export const LockedOnPhone: Story = { parameters: { screen: at('ines', storyUsers.lea) }, globals: { viewport: { value: 'mobile2', isRotated: false } } };
export const LockedFrench: Story = { parameters: { screen: { ...at('ines', storyUsers.lea), language: 'fr' } } };
/** Once Inès approves (elsewhere), her tracks show to Léa. */
export const ApprovedFollower: Story = { parameters: { screen: at('ines', storyUsers.lea), setup: () => socialMock.approve('ines', 'lea_m') } };

/** Léa asks to follow me (Inès, private): a banner on her profile, with Approve and Decline named after her. */
export const AsksToFollowYou: Story = {
  parameters: { screen: at('lea_m', storyUsers.ines) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('@lea_m asks to follow you')).toBeVisible();
    await expect(canvas.getByRole('button', { name: "Decline lea_m's request" })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: "Approve lea_m's request" }));
    await expect(await canvas.findByText('lea_m now follows you.')).toBeVisible();
    await expect(await canvas.findByText('Follows you')).toBeVisible();
  },
};
export const AsksToFollowYouOnPhone: Story = { parameters: { screen: at('lea_m', storyUsers.ines) }, globals: { viewport: { value: 'mobile2', isRotated: false } } };
export const AsksToFollowYouFrench: Story = {
  parameters: { screen: { ...at('lea_m', storyUsers.ines), language: 'fr' } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('button', { name: 'Accepter la demande de lea_m' })).toBeVisible();
  },
};

/** My own private profile: « Private », my tracks, and a link to the requests waiting. */
export const OwnerPrivate: Story = {
  parameters: { screen: at('ines', storyUsers.ines) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('link', { name: 'Follow requests (1)' })).toHaveAttribute('href', '/follow-requests');
  },
};
/** Editing: the « Private account » switch, on, with what it does. */
export const OwnerPrivateEditing: Story = {
  parameters: { screen: at('ines', storyUsers.ines) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Edit profile' }));
    await expect(canvas.getByRole('switch', { name: 'Private account' })).toBeChecked();
  },
};
/** Making my public profile private: switched on, saved, « Private » by my name. */
export const OwnerMakesPrivate: Story = {
  parameters: { screen: at('ana', storyUsers.ana) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Edit profile' }));
    const toggle = canvas.getByRole('switch', { name: 'Private account' });
    await expect(toggle).not.toBeChecked();
    await userEvent.click(toggle);
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }));
    await expect(await canvas.findByText('Private account')).toBeInTheDocument();
  },
};
export const OwnerPrivateEditingFrench: Story = {
  parameters: { screen: { ...at('ines', storyUsers.ines), language: 'fr' } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Modifier le profil' }));
    await expect(within(canvasElement).getByRole('switch', { name: 'Compte privé' })).toBeChecked();
  },
};

/** A tab of a profile: `/u/:username/reposts` or `/likes` (the app routes all three to this screen). */
const tabAt = (username: string, tab: 'reposts' | 'likes', session: ScreenParameters['session'] = null, language: ScreenParameters['language'] = 'en'): ScreenParameters => ({
  path: '/u/:username/*',
  url: `/u/${username}/${tab}`,
  session,
  language,
});

/** Ana's reposts: the Reposts tab selected, each track with her caption when she wrote one. */
export const Reposts: Story = {
  parameters: { screen: tabAt('ana', 'reposts', storyUsers.marc) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('tab', { name: 'Reposts' })).toHaveAttribute('aria-selected', 'true');
    await expect(await canvas.findByText('The last train home, four minutes of it. Headphones on.')).toBeVisible();
  },
};
export const RepostsFrench: Story = { parameters: { screen: tabAt('ana', 'reposts', storyUsers.marc, 'fr') } };
export const RepostsOnPhone: Story = { parameters: { screen: tabAt('ana', 'reposts', storyUsers.marc) }, globals: { viewport: { value: 'mobile2', isRotated: false } } };
export const RepostsEmpty: Story = {
  parameters: { screen: tabAt('marc.dubois', 'reposts') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("Marc Dubois hasn't reposted any tracks yet.")).toBeVisible();
  },
};
export const RepostsEmptyOwner: Story = { parameters: { screen: tabAt('marc.dubois', 'reposts', storyUsers.marc) } };
export const RepostsLoading: Story = { parameters: { screen: tabAt('ana', 'reposts'), msw: mocks(states.loading('social.reposts')) } };
export const RepostsError: Story = { parameters: { screen: tabAt('ana', 'reposts'), msw: mocks(states.error('social.reposts')) } };
/** Marc's likes. */
export const Likes: Story = {
  parameters: { screen: tabAt('marc.dubois', 'likes', storyUsers.ana) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('list', { name: 'Tracks Marc Dubois likes' })).toBeVisible();
  },
};
export const LikesEmptyOwner: Story = { parameters: { screen: tabAt('ana', 'likes', storyUsers.ana) } };
export const LikesFrench: Story = { parameters: { screen: tabAt('marc.dubois', 'likes', storyUsers.ana, 'fr') } };
/** A private profile I don't follow: the lock in the Likes tab too. */
export const LikesLocked: Story = {
  parameters: { screen: tabAt('ines', 'likes', storyUsers.ana) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Follow @ines to see their playlists, reposts and likes.')).toBeVisible();
  },
};
/** Moving between tabs with the arrow keys: the URL follows, the focus stays on the tabs. */
export const TabsByKeyboard: Story = {
  parameters: { screen: { path: '/u/:username/*', url: '/u/ana', session: storyUsers.marc } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    (await canvas.findByRole('tab', { name: /^Tracks/ })).focus();
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvas.getByRole('tab', { name: 'Playlists' })).toHaveFocus();
    await expect(await canvas.findByRole('list', { name: 'Playlists by Ana Lima' })).toBeVisible();
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvas.getByRole('tab', { name: 'Reposts' })).toHaveFocus();
    await expect(await canvas.findByRole('list', { name: 'Reposts by Ana Lima' })).toBeVisible();
  },
};

