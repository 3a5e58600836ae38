import type { Meta, StoryObj } from '@storybook/react-vite';
import { states } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { FollowsPage } from './follows.page.tsx';

const at = (side: 'followers' | 'following', username: string, session: ScreenParameters['session'] = storyUsers.ana): ScreenParameters => ({
  path: `/u/:username/${side}`,
  url: `/u/${username}/${side}`,
  session,
});

const meta = {
  title: 'Screens/Followers and following',
  component: FollowsPage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  args: { side: 'followers' },
  parameters: { layout: 'fullscreen', screen: at('followers', 'ana'), msw: mocks() },
} satisfies Meta<typeof FollowsPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** My followers: Marc, who « follows you », with Follow beside him; following him back presses it. */
export const Followers: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const button = await canvas.findByRole('button', { name: 'Follow Marc Dubois' });
    await userEvent.click(button);
    await expect(await canvas.findByRole('button', { name: 'Follow Marc Dubois', pressed: true })).toBeVisible();
  },
};
/** The people Marc follows, seen signed out: sign-in links instead of buttons. */
export const Following: Story = { args: { side: 'following' }, parameters: { screen: at('following', 'marc.dubois', null) } };
export const Empty: Story = { parameters: { screen: at('followers', 'marc.dubois') } };
export const OnPhone: Story = { globals: { viewport: { value: 'mobile2', isRotated: false } } };
export const French: Story = { parameters: { screen: { ...at('followers', 'ana'), language: 'fr' } } };
export const Loading: Story = { parameters: { msw: mocks(states.loading('social.followers')) } };
export const Error: Story = { parameters: { msw: mocks(states.error('social.followers')) } };
export const NotFound: Story = { parameters: { screen: at('followers', 'nobody') } };
