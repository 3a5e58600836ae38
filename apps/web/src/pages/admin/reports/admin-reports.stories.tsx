import type { Meta, StoryObj } from '@storybook/react-vite';
import { adminReportsMock, states, trpcMsw } from '@veza/mocks';
import { userEvent, within } from 'storybook/test';
import { mocks, screenDecorator, type ScreenParameters } from '../../../test/story.tsx';
import { InLayout } from '../../settings/settings-story.tsx';
import { adminAt, resetAdminMocks } from '../admin-story.ts';
import { AdminGate } from '../admin-layout.tsx';
import { AdminReportsPage } from './admin-reports.page.tsx';

const meta = {
  title: 'Screens/Admin/Reports',
  component: AdminReportsPage,
  render: () => <InLayout area="admin" page="reports" screen={<AdminGate area="reports"><AdminReportsPage /></AdminGate>} />,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetAdminMocks(parameters.screen as ScreenParameters);
    adminReportsMock.reset();
  },
  parameters: { layout: 'fullscreen', screen: adminAt('reports'), msw: mocks() },
} satisfies Meta<typeof AdminReportsPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The open reports: reason, reporter, conversation, date; never the message text. */
export const List: Story = {};
export const Empty: Story = { parameters: { msw: mocks(trpcMsw.admin.chat.reports.query(() => ({ items: [], nextCursor: null }))) } };
export const Loading: Story = { parameters: { msw: mocks(states.loading('admin.chat.reports')) } };
export const Error: Story = { parameters: { msw: mocks(states.error('admin.chat.reports')) } };
/** The conversation around a reported spam message: highlighted, edited once (disclosure opened), a deleted message's kept text. */
export const Conversation: Story = {
  parameters: { screen: adminAt('reports?report=3') },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByText('1 earlier version'));
  },
};
export const ConversationLoading: Story = { parameters: { screen: adminAt('reports?report=3'), msw: mocks(states.loading('admin.chat.conversation')) } };
/** A resolved report's conversation can no longer be read. */
export const ConversationResolved: Story = { parameters: { screen: adminAt('reports?report=1') } };
/** Asking before deleting the reported message. */
export const ConfirmDelete: Story = {
  parameters: { screen: adminAt('reports?report=3') },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Delete message' }));
  },
};
/** Phone width: the table scrolls sideways inside its frame. */
export const Mobile: Story = { globals: { viewport: { value: 'mobile1' } } };
/** Phone width: the conversation wraps, actions stay on screen. */
export const ConversationMobile: Story = { parameters: { screen: adminAt('reports?report=3') }, globals: { viewport: { value: 'mobile1' } } };
export const French: Story = { parameters: { screen: adminAt('reports', 'admin', 'fr') } };
