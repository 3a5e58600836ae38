import type { Meta, StoryObj } from '@storybook/react-vite';
import { chatMock, fixtures, states } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { FollowButton } from './follow-button.tsx';

const MARC = fixtures.marc;
const INES = fixtures.ines;
/** On Marc's profile (or someone else's), as `session`. */
const on = (session: ScreenParameters['session'], language: ScreenParameters['language'] = 'en', username = MARC.username): ScreenParameters => ({ path: '/u/:username', url: `/u/${username}`, session, language });

const meta = {
  title: 'Features/Social/Follow button',
  component: FollowButton,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    (parameters.setup as (() => void) | undefined)?.();
  },
  args: { profile: { username: MARC.username, followedByMe: false }, name: MARC.displayName ?? MARC.username },
  parameters: { screen: on(storyUsers.ana), msw: mocks() },
} satisfies Meta<typeof FollowButton>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Not following yet: "Follow", a toggle button not pressed, named after them for screen readers. */
export const NotFollowing: Story = {
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Follow Marc Dubois' });
    await expect(button).toHaveAttribute('aria-pressed', 'false');
    await expect(button).toHaveTextContent('Follow');
  },
};

/** Following: pressed, "Following"; its tooltip says a click unfollows. */
export const Following: Story = {
  args: { profile: { username: MARC.username, followedByMe: true } },
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Follow Marc Dubois' });
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(button).toHaveAttribute('title', 'Unfollow Marc Dubois');
  },
};

/** On a private profile: Follow asks; its tooltip says so. Once asked: « Requested », pressed. */
export const PrivateProfile: Story = {
  // As a list gives it (no `requested`): the button's own answer says it asked.
  args: { profile: { username: INES.username, followedByMe: false, isPrivate: true }, name: INES.displayName ?? INES.username },
  parameters: { screen: on(storyUsers.ana, 'en', INES.username) },
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Follow Inès Morel' });
    await expect(button).toHaveAttribute('title', 'Ask to follow Inès Morel: their account is private');
    await expect(button).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(button);
    await expect(await within(canvasElement).findByRole('button', { name: 'Follow Inès Morel', pressed: true })).toHaveTextContent('Requested');
  },
};

/** Asked, not answered yet: « Requested », pressed; a click withdraws the request (its tooltip says so). */
export const Requested: Story = {
  args: { profile: { username: INES.username, followedByMe: false, requested: true, isPrivate: true }, name: INES.displayName ?? INES.username },
  parameters: { screen: on(storyUsers.lea, 'en', INES.username) },
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Follow Inès Morel' });
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(button).toHaveTextContent('Requested');
    await expect(button).toHaveAttribute('title', 'Cancel your request to follow Inès Morel');
  },
};

/** « Demande envoyée ». */
export const RequestedFrench: Story = {
  args: Requested.args,
  parameters: { screen: on(storyUsers.lea, 'fr', INES.username) },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Suivre Inès Morel' })).toHaveTextContent('Demande envoyée');
  },
};

/** Clicked, the server has not answered: busy and disabled. */
export const Pending: Story = {
  parameters: { msw: mocks(states.loading('social.follow')) },
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Follow Marc Dubois' });
    await userEvent.click(button);
    await expect(button).toHaveAttribute('aria-busy', 'true');
    await expect(button).toBeDisabled();
  },
};

/** Refused: Marc blocked me; the toast says the API's words. */
export const Refused: Story = {
  parameters: { setup: () => chatMock.block(MARC.username, 'ana') },
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Follow Marc Dubois' }));
    await within(canvasElement).findByText("You can't follow @marc.dubois.");
  },
};

/** Any other failure: the generic message for its code. */
export const ServerError: Story = {
  parameters: { msw: mocks(states.error('social.follow')) },
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Follow Marc Dubois' }));
    await within(canvasElement).findByText('Something went wrong on our side. Please try again.');
  },
};

/** Signed out: a link to sign in that comes back to this profile. */
export const SignedOut: Story = {
  parameters: { screen: on(null) },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('link', { name: 'Follow Marc Dubois' })).toHaveAttribute('href', '/login?next=%2Fu%2Fmarc.dubois');
  },
};

/** « Suivre » / « Abonné », translated refusals. */
export const French: Story = {
  parameters: { screen: on(storyUsers.ana, 'fr'), setup: () => chatMock.block('ana', MARC.username) },
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Suivre Marc Dubois' });
    await expect(button).toHaveTextContent('Suivre');
    await userEvent.click(button);
    await within(canvasElement).findByText("Vous avez bloqué @marc.dubois : débloquez ce compte d'abord.");
  },
};
