import type { Meta, StoryObj } from '@storybook/react-vite';
import { accountMock, aSession, states } from '@veza/mocks';
import { userEvent, within } from 'storybook/test';
import { storyUsers } from '../../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../../test/story.tsx';
import { InLayout } from '../settings-story.tsx';
import { SessionsPage } from './sessions.page.tsx';

const at = (language: 'en' | 'fr' = 'en'): ScreenParameters => ({ path: '/settings/*', url: '/settings/sessions', session: storyUsers.ana, language });

const meta = {
  title: 'Screens/Settings/Sessions',
  component: SessionsPage,
  render: () => <InLayout area="settings" page="sessions" screen={<SessionsPage />} />,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: at(), msw: mocks() },
} satisfies Meta<typeof SessionsPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** This computer, a phone (passkey), another computer (2FA) and a tablet with an unknown browser. */
export const Default: Story = {};
export const OnlyThisDevice: Story = {
  beforeEach: () => accountMock.setSessions('ana', [aSession({ current: true, browser: 'Firefox 142', os: 'Linux', device: 'desktop', lastSeenAt: new Date().toISOString() })]),
};
export const ConfirmingRevoke: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Log out Chrome 141 on Windows 11' }));
  },
};
export const ConfirmingLogoutEverywhere: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Log out everywhere' }));
  },
};
export const RevokeFails: Story = {
  parameters: { msw: mocks(states.error('auth.sessions.revoke', 'NOT_FOUND', 'Session not found.')) },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Log out Chrome 141 on Windows 11' }));
    await userEvent.click(within(canvasElement.ownerDocument.body).getByRole('button', { name: 'Log out this device' }));
  },
};
export const Loading: Story = { parameters: { msw: mocks(states.loading('auth.sessions.list')) } };
export const Error: Story = { parameters: { msw: mocks(states.error('auth.sessions.list')) } };
export const French: Story = { parameters: { screen: at('fr') } };
export const Mobile: Story = { globals: { viewport: { value: 'mobile1' } } };
