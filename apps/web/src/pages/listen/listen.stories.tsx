import type { Meta, StoryObj } from '@storybook/react-vite';
import { listenMock, MOCK_LISTEN, states } from '@veza/mocks';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ListenLayer } from '../../features/listen/listen-driver.tsx';
import { resetListenLive } from '../../features/listen/listen-live.ts';
import { MockListenFeed } from '../../features/listen/mock-listen-feed.tsx';
import { MockRoomFeed } from '../../features/chat/mock-room-feed.tsx';
import { useListenSession } from '../../stores/listen.ts';
import { usePlayer } from '../../stores/player.ts';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { ListenPage } from './listen.page.tsx';

const at = (id: string, session: ScreenParameters['session'] = storyUsers.ana, language: ScreenParameters['language'] = 'en'): ScreenParameters => ({
  path: '/listen/:id',
  url: `/listen/${id}`,
  session,
  language,
});
/** The screen's own notice (a toast says it too). */
const noticeOf = (root: HTMLElement) => within(root.querySelector<HTMLElement>('.vw-listen-notice')!);
const phone = { viewport: { value: 'mobile2', isRotated: false } };

const meta = {
  title: 'Screens/Listening session',
  component: ListenPage,
  decorators: [
    (Story) => (
      <MockListenFeed>
        <MockRoomFeed>
          <Story />
          {/* The shell's part: the driver that runs the session once the screen enters it. */}
          <ListenLayer />
        </MockRoomFeed>
      </MockListenFeed>
    ),
    screenDecorator,
  ],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    useListenSession.getState().exit();
    resetListenLive();
    usePlayer.setState({ remote: null, track: null, isPlaying: false, currentTime: 0, duration: 0 });
    (parameters.setup as (() => void) | undefined)?.();
  },
  parameters: { layout: 'fullscreen', screen: at(MOCK_LISTEN.live), msw: mocks() },
} satisfies Meta<typeof ListenPage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { parameters: { msw: mocks(states.loading('listen.byId')) } };

/** Léa holds the link: who hosts, what plays, how many listen, and Join. */
export const JoinScreen: Story = {
  parameters: { screen: at(MOCK_LISTEN.live, storyUsers.lea) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'Marc Dubois invites you to listen along' })).toBeVisible();
    await expect(canvas.getByText('Rue des Martyrs')).toBeVisible();
    await expect(canvas.getByText('2 listening')).toBeVisible();
  },
};

/** Léa joins: the session starts on her player, her own pause instead of the host's controls. */
export const Joining: Story = {
  parameters: { screen: at(MOCK_LISTEN.live, storyUsers.lea) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Join' }));
    await expect(await canvas.findByRole('button', { name: 'Pause for me' })).toBeVisible();
    await waitFor(() => expect(usePlayer.getState().track?.title).toBe('Rue des Martyrs'));
  },
};

/** Ana listens to Marc's session: the position, her own pause, the queue (she removes what she added), people, chat. */
export const Listener: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'Listening with Marc Dubois', level: 1 })).toBeVisible();
    await expect(canvas.getByTestId('listen-sync')).toHaveAttribute('data-playing', 'true');
    await expect(canvas.getByRole('button', { name: 'Remove Night Drive' })).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Remove Le dernier métro' })).toBeNull();
    await expect(canvas.queryByRole('button', { name: 'End' })).toBeNull();
  },
};

/** Marc hosts: play / pause, next, the seek slider, the lock switch, End. */
export const Host: Story = {
  parameters: { screen: at(MOCK_LISTEN.live, storyUsers.marc) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Pause' }));
    await expect(await canvas.findByRole('button', { name: 'Play' }, { timeout: 4000 })).toBeVisible();
    await expect(canvas.getByRole('switch', { name: 'Lock the queue' })).not.toBeChecked();
    await expect(canvas.getByRole('button', { name: 'End' })).toBeVisible();
  },
};

/** The end confirmation. */
export const HostEnding: Story = {
  parameters: { screen: at(MOCK_LISTEN.live, storyUsers.marc) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'End' }));
    await expect(await within(canvasElement.ownerDocument.body).findByRole('dialog', { name: 'End the session for everyone?' })).toBeVisible();
  },
};

/** Ana hosts with the queue locked; Marc sees it locked. */
export const LockedQueue: Story = {
  parameters: { screen: at(MOCK_LISTEN.locked, storyUsers.marc) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('The host locked the queue')).toBeVisible();
  },
};

/** Ana alone, paused, nothing queued. */
export const EmptyQueue: Story = {
  parameters: { screen: at(MOCK_LISTEN.empty) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('The queue is empty')).toBeVisible();
  },
};

export const Ended: Story = {
  parameters: { screen: at(MOCK_LISTEN.ended) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('heading', { name: 'This session has ended' })).toBeVisible();
  },
};

/** Marc leaves: the session is handed over to Ana, who is told. */
export const HandOver: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Pause for me' });
    listenMock.leaveAs('marc.dubois', MOCK_LISTEN.live);
    await expect(await noticeOf(canvasElement).findByText('You are now the host')).toBeVisible();
    await expect(await canvas.findByRole('switch', { name: 'Lock the queue' })).toBeVisible();
  },
};

/** Léa joined Ana's session; Ana leaves and Marc takes over. */
export const HandOverToSomeoneElse: Story = {
  parameters: { screen: at(MOCK_LISTEN.locked, storyUsers.lea) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Pause for me' });
    listenMock.leaveAs('ana', MOCK_LISTEN.locked);
    await expect(await noticeOf(canvasElement).findByText('Marc Dubois is now the host')).toBeVisible();
  },
};

/** The host ends it while Ana listens. */
export const EndedWhileListening: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Pause for me' });
    listenMock.endElsewhere(MOCK_LISTEN.live);
    await expect(await canvas.findByRole('heading', { name: 'This session has ended' })).toBeVisible();
  },
};

export const NotFound: Story = { parameters: { screen: at('5e000000-0000-4000-8000-0000000000ff') } };
export const LoadError: Story = { parameters: { msw: mocks(states.error('listen.byId')) } };
export const ListenerOnPhone: Story = { globals: phone };
export const HostOnPhone: Story = { parameters: { screen: at(MOCK_LISTEN.live, storyUsers.marc) }, globals: phone };
export const JoinScreenOnPhone: Story = { parameters: { screen: at(MOCK_LISTEN.live, storyUsers.lea) }, globals: phone };
export const ListenerInFrench: Story = { parameters: { screen: at(MOCK_LISTEN.live, storyUsers.ana, 'fr') } };
