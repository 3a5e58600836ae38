import type { Meta, StoryObj } from '@storybook/react-vite';
import { accountMock, db, states, trpcMsw } from '@veza/mocks';
import { userEvent, within } from 'storybook/test';
import { storyUsers } from '../../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../../test/story.tsx';
import { InLayout } from '../settings-story.tsx';
import { ConnectionsPage } from './connections.page.tsx';

const at = (query = '', language: 'en' | 'fr' = 'en', session: ScreenParameters['session'] = storyUsers.ana): ScreenParameters => ({
  path: '/settings/*',
  url: `/settings/connections${query}`,
  session,
  language,
});

const meta = {
  title: 'Screens/Settings/Connections',
  component: ConnectionsPage,
  render: () => <InLayout area="settings" page="connections" screen={<ConnectionsPage />} />,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: at(), msw: mocks() },
} satisfies Meta<typeof ConnectionsPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** GitHub linked, Discord offered. */
export const Default: Story = {};
export const NothingLinked: Story = { parameters: { screen: at('', 'en', storyUsers.marc) } };
export const NoProviders: Story = { parameters: { screen: at('', 'en', storyUsers.marc), msw: mocks(trpcMsw.oauth.providers.query(() => [])) } };
/** Back from the provider with an error (?oauthError=already_linked). */
export const AlreadyLinked: Story = { parameters: { screen: at('?oauthError=already_linked') } };
export const Denied: Story = { parameters: { screen: at('?oauthError=denied') } };
export const ConfirmingDisconnect: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Disconnect GitHub' }));
  },
};
/** The last way to sign in: the server refuses and says why. */
export const LastSignInMethod: Story = {
  parameters: { screen: at('', 'en', { ...storyUsers.ana, hasPassword: false }) },
  beforeEach: () => {
    const ana = db.users.find((u) => u.username === 'ana');
    if (ana) ana.hasPassword = false;
    accountMock.setLinks('ana', [{ provider: 'github', displayName: 'Ana Lima', email: 'ana@users.noreply.github.com', createdAt: new Date(Date.now() - 40 * 86_400_000).toISOString(), lastUsedAt: null }]);
  },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Disconnect GitHub' }));
    await userEvent.click(within(canvasElement.ownerDocument.body).getAllByRole('button', { name: 'Disconnect' }).at(-1)!);
  },
};
export const Loading: Story = { parameters: { msw: mocks(states.loading('oauth.links')) } };
export const Error: Story = { parameters: { msw: mocks(states.error('oauth.links')) } };
export const French: Story = { parameters: { screen: at('?oauthError=email_in_use', 'fr') } };
