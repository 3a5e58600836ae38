import type { Meta, StoryObj } from '@storybook/react-vite';
import { chatMock, fixtures, states } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { MessageButton } from './message-button.tsx';

const MARC = fixtures.marc;
/** On Marc's profile, as `session`. Opening the DM leaves this route: the story then shows where it went. */
const on = (session: ScreenParameters['session'], language: ScreenParameters['language'] = 'en'): ScreenParameters => ({ path: '/u/:username', url: `/u/${MARC.username}`, session, language });

const meta = {
  title: 'Features/Chat/Message button',
  component: MessageButton,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    (parameters.setup as (() => void) | undefined)?.();
  },
  args: { username: MARC.username, name: MARC.displayName ?? MARC.username },
  parameters: { screen: on(storyUsers.ana), msw: mocks() },
} satisfies Meta<typeof MessageButton>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Signed in, on someone else's profile: "Message", named after them for screen readers. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Message Marc Dubois' })).toBeEnabled();
  },
};

/** Clicked: the conversation is opening (busy, disabled) and the server has not answered. */
export const Pending: Story = {
  parameters: { msw: mocks(states.loading('chat.dms.open')) },
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Message Marc Dubois' });
    await userEvent.click(button);
    await expect(button).toHaveAttribute('aria-busy', 'true');
    await expect(button).toBeDisabled();
  },
};

/** Refused: Marc blocked me; the toast says the API's words and the button is usable again. */
export const Refused: Story = {
  parameters: { setup: () => chatMock.block(MARC.username, 'ana') },
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Message Marc Dubois' }));
    await expect(await within(canvasElement).findByText("You can't start a conversation with @marc.dubois.")).toBeVisible();
  },
};

/** Refused because I blocked them: the message says to unblock first. */
export const RefusedBlockedByMe: Story = {
  parameters: { setup: () => chatMock.block('ana', MARC.username) },
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Message Marc Dubois' }));
    await within(canvasElement).findByText('You blocked @marc.dubois: unblock them first.');
  },
};

/** Any other failure: the generic message for its code. */
export const ServerError: Story = {
  parameters: { msw: mocks(states.error('chat.dms.open')) },
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Message Marc Dubois' }));
    await within(canvasElement).findByText('Something went wrong on our side. Please try again.');
  },
};

/** Signed out: a link to sign in that comes back to this profile. */
export const SignedOut: Story = {
  parameters: { screen: on(null) },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('link', { name: 'Message Marc Dubois' })).toHaveAttribute('href', '/login?next=%2Fu%2Fmarc.dubois');
  },
};

/** « Écrire », « Écrire à Marc Dubois » for screen readers. */
export const French: Story = {
  parameters: { screen: on(storyUsers.ana, 'fr') },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Écrire à Marc Dubois' })).toHaveTextContent('Écrire');
  },
};

/** French refusal, translated by reason (the API writes English). */
export const FrenchRefused: Story = {
  parameters: { screen: on(storyUsers.ana, 'fr'), setup: () => chatMock.block(MARC.username, 'ana') },
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Écrire à Marc Dubois' }));
    await within(canvasElement).findByText('Vous ne pouvez pas démarrer de conversation avec @marc.dubois.');
  },
};
