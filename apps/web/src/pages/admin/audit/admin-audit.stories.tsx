import type { Meta, StoryObj } from '@storybook/react-vite';
import { states, trpcMsw } from '@veza/mocks';
import { userEvent, within } from 'storybook/test';
import { mocks, screenDecorator, type ScreenParameters } from '../../../test/story.tsx';
import { InLayout } from '../../settings/settings-story.tsx';
import { adminAt, resetAdminMocks } from '../admin-story.ts';
import { AdminGate } from '../admin-layout.tsx';
import { AdminAuditPage } from './admin-audit.page.tsx';

const meta = {
  title: 'Screens/Admin/Audit log',
  component: AdminAuditPage,
  render: () => <InLayout area="admin" page="audit" screen={<AdminGate area="audit"><AdminAuditPage /></AdminGate>} />,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetAdminMocks(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: adminAt('audit'), msw: mocks() },
} satisfies Meta<typeof AdminAuditPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Two weeks of events: the chart, the table and "Load more". */
export const Default: Story = {};
export const FailedSignInsOnly: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByLabelText('Failed sign-in'));
    await userEvent.click(canvas.getByLabelText('Sign-in throttled'));
    await userEvent.click(canvas.getByRole('button', { name: 'Apply filters' }));
  },
};
export const UnknownUser: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('User'), 'nobody');
    await userEvent.click(canvas.getByRole('button', { name: 'Apply filters' }));
  },
};
export const Empty: Story = { parameters: { msw: mocks(trpcMsw.admin.audit.list.query(() => ({ items: [], nextCursor: null }))) } };
export const Loading: Story = { parameters: { msw: mocks(states.loading('admin.audit.list')) } };
export const Error: Story = { parameters: { msw: mocks(states.error('admin.audit.list')) } };
/** Moderators may not read the audit log. */
export const Moderator: Story = { parameters: { screen: adminAt('audit', 'moderator') } };
export const French: Story = { parameters: { screen: adminAt('audit', 'admin', 'fr') } };
