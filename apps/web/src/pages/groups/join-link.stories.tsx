import type { Meta, StoryObj } from '@storybook/react-vite';
import { MOCK_GROUP_REFS } from '@veza/mocks';
import { expect, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { JoinGroupLinkPage } from './join-link.page.tsx';

const at = (token: string, language: ScreenParameters['language'] = 'en'): ScreenParameters => ({ path: '/groups/join/:token', url: `/groups/join/${token}`, session: storyUsers.lea, language });

const meta = {
  title: 'Screens/Groups/Join link',
  component: JoinGroupLinkPage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: at(MOCK_GROUP_REFS.token), msw: mocks() },
} satisfies Meta<typeof JoinGroupLinkPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A valid link: Léa joins Tape Club (private) and its page opens. */
export const Joins: Story = {
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByTestId('location')).toHaveTextContent(`/groups/${MOCK_GROUP_REFS.tape.slug}`);
  },
};
/** A revoked or unknown link says so. */
export const Invalid: Story = {
  parameters: { screen: at('A'.repeat(43)) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('This invite link is not valid (it may have been revoked).')).toBeVisible();
  },
};
/** Not even shaped like a link: refused without asking. */
export const Malformed: Story = {
  parameters: { screen: at('short') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('We could not add you to the group')).toBeVisible();
  },
};
export const French: Story = {
  parameters: { screen: at('A'.repeat(43), 'fr') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("Ce lien d'invitation n'est pas valide (il a peut-être été révoqué).")).toBeVisible();
  },
};
