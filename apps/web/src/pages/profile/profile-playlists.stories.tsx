import type { Meta, StoryObj } from '@storybook/react-vite';
import { playlistStates, playlistsMock, states } from '@veza/mocks';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { ProfilePage } from './profile.page.tsx';

const at = (username: string, session: ScreenParameters['session'] = null, language: ScreenParameters['language'] = 'en'): ScreenParameters => ({
  path: '/u/:username/playlists',
  url: `/u/${username}/playlists`,
  session,
  language,
});

const meta = {
  title: 'Screens/Profile/Playlists tab',
  component: ProfilePage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    (parameters.setup as (() => void) | undefined)?.();
  },
  parameters: { layout: 'fullscreen', screen: at('ana'), msw: mocks() },
} satisfies Meta<typeof ProfilePage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A visitor: Ana's public playlists. */
export const Visitor: Story = {};
/** Ana herself: her private playlist too (with its badge), and "New playlist". */
export const Owner: Story = { parameters: { screen: at('ana', storyUsers.ana) } };
/** More than a page: "Load more". */
export const Paged: Story = { parameters: { setup: () => playlistsMock.many('ana', 30) } };
export const Empty: Story = { parameters: { msw: mocks(playlistStates.noPlaylists()) } };
export const EmptyOwner: Story = { parameters: { screen: at('ana', storyUsers.ana), msw: mocks(playlistStates.noPlaylists()) } };
export const Loading: Story = { parameters: { msw: mocks(states.loading('playlists.ofUser')) } };
export const Error: Story = { parameters: { msw: mocks(states.error('playlists.ofUser')) } };
/** A private profile I don't follow: the lock. */
export const Locked: Story = { parameters: { screen: at('ines', storyUsers.marc) } };
export const OnPhone: Story = { parameters: { screen: at('ana', storyUsers.ana) }, globals: { viewport: { value: 'mobile2', isRotated: false } } };
export const French: Story = { parameters: { screen: at('ana', storyUsers.ana, 'fr') } };
