import type { Meta, StoryObj } from '@storybook/react-vite';
import { states } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { ProfilePage } from './profile.page.tsx';

const at = (username: string, session: ScreenParameters['session'] = null): ScreenParameters => ({ path: '/u/:username', url: `/u/${username}`, session });

const meta = {
  title: 'Screens/Profile',
  component: ProfilePage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
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
