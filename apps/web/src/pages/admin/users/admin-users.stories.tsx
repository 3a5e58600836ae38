import type { Meta, StoryObj } from '@storybook/react-vite';
import { states } from '@veza/mocks';
import { userEvent, within } from 'storybook/test';
import { mocks, screenDecorator, type ScreenParameters } from '../../../test/story.tsx';
import { InLayout } from '../../settings/settings-story.tsx';
import { adminAt, resetAdminMocks } from '../admin-story.ts';
import { AdminGate } from '../admin-layout.tsx';
import { AdminUsersPage } from './admin-users.page.tsx';

const meta = {
  title: 'Screens/Admin/Users',
  component: AdminUsersPage,
  render: () => <InLayout area="admin" page="users" screen={<AdminGate area="users"><AdminUsersPage /></AdminGate>} />,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetAdminMocks(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: adminAt('users'), msw: mocks() },
} satisfies Meta<typeof AdminUsersPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Admins: role selects, lock and unlock (lea_m is locked). */
export const Admin: Story = {};
/** Moderators: the list and lock/unlock only. */
export const Moderator: Story = { parameters: { screen: adminAt('users', 'moderator') } };
/** Anyone else: a 403 page. */
export const Forbidden: Story = { parameters: { screen: adminAt('users', 'user') } };
export const ConfirmingRoleChange: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.selectOptions(await within(canvasElement).findByLabelText('Role of @marc.dubois'), 'moderator');
  },
};
export const Searching: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.type(await within(canvasElement).findByLabelText('Search'), 'marc');
  },
};
export const NoMatch: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.type(await within(canvasElement).findByLabelText('Search'), 'nobody-here');
  },
};
export const Loading: Story = { parameters: { msw: mocks(states.loading('admin.users.list')) } };
export const Error: Story = { parameters: { msw: mocks(states.error('admin.users.list')) } };
export const French: Story = { parameters: { screen: adminAt('users', 'admin', 'fr') } };
export const Mobile: Story = { globals: { viewport: { value: 'mobile1' } } };
