import type { Meta, StoryObj } from '@storybook/react-vite';
import { accountMock, states, trpcMsw } from '@veza/mocks';
import { userEvent, within } from 'storybook/test';
import { mocks, screenDecorator, type ScreenParameters } from '../../../test/story.tsx';
import { InLayout } from '../../settings/settings-story.tsx';
import { adminAt, resetAdminMocks } from '../admin-story.ts';
import { AdminGate } from '../admin-layout.tsx';
import { AdminMailboxPage } from './admin-mailbox.page.tsx';

const meta = {
  title: 'Screens/Admin/Dev mailbox',
  component: AdminMailboxPage,
  render: () => <InLayout area="admin" page="mailbox" screen={<AdminGate area="mailbox"><AdminMailboxPage /></AdminGate>} />,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetAdminMocks(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: adminAt('mailbox'), msw: mocks() },
} satisfies Meta<typeof AdminMailboxPage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
/** A verification mail opened: its text and its links. */
export const Reading: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: /Verify your email for Veza/ }));
  },
};
/** The server sends real mail over SMTP. */
export const Disabled: Story = { beforeEach: () => accountMock.disableMailbox() };
export const Empty: Story = { parameters: { msw: mocks(trpcMsw.devMailbox.list.query(() => ({ enabled: true, items: [], nextCursor: null }))) } };
export const Loading: Story = { parameters: { msw: mocks(states.loading('devMailbox.list')) } };
export const Error: Story = { parameters: { msw: mocks(states.error('devMailbox.list')) } };
export const French: Story = { parameters: { screen: adminAt('mailbox', 'admin', 'fr') } };
