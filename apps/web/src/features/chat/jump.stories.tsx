import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { chatMock, MOCK_ROOMS } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { ChatPage } from '../../pages/chat/chat.page.tsx';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { resetChatStore } from './chat-store.ts';
import { MockRoomFeed } from './mock-room-feed.tsx';

const withMockLive: Decorator = (Story) => (
  <MockRoomFeed>
    <Story />
  </MockRoomFeed>
);

/** A conversation opened at a message (`?m=<seq>`: a permalink, a search result, a reply's quote). */
const at = (roomId: string, seq: number): ScreenParameters => ({ path: '/chat/:roomId', url: `/chat/${roomId}?m=${seq}`, session: storyUsers.ana });
/** 400 messages in #field-recordings, so a jump lands far from the live end. */
const long = () => chatMock.fill(MOCK_ROOMS.empty, 400);

const meta = {
  title: 'Screens/Chat/Jump to message',
  component: ChatPage,
  decorators: [withMockLive, screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    resetChatStore();
    (parameters.setup as (() => void) | undefined)?.();
  },
  parameters: { layout: 'fullscreen', msw: mocks(), screen: at(MOCK_ROOMS.empty, 120), setup: long },
} satisfies Meta<typeof ChatPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Jumped: the page around message 120 is read, the message is centred, highlighted for a moment and focused. */
export const Jumped: Story = {
  play: async ({ canvasElement }) => {
    const log = await within(canvasElement).findByRole('log');
    const message = (await within(log).findByText(/^Message 120:/)).closest('article')!;
    await expect(message).toHaveClass('vw-msg--highlight');
    await expect(within(canvasElement).getByRole('button', { name: 'Jump to latest' })).toBeVisible();
  },
};

/** Far from the live end, someone writes: the window stays; "Jump to latest" brings the live end and the new message. */
export const BackToLatest: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText(/^Message 120:/);
    chatMock.say(MOCK_ROOMS.empty, 'marc.dubois', 'Fresh recording from the station');
    await userEvent.click(canvas.getByRole('button', { name: 'Jump to latest' }));
    await expect(await canvas.findByText('Fresh recording from the station')).toBeVisible();
  },
};

/** Loading around: the page around the message is on its way. */
export const LoadingAround: Story = {
  parameters: {
    setup: () => {
      long();
      chatMock.holdJumps();
    },
  },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Finding the message…')).toBeVisible();
  },
};

/** Not found: a seq the conversation never reached; the latest messages stay, with a clear notice. */
export const NotFound: Story = {
  parameters: { screen: at(MOCK_ROOMS.general, 9999), setup: () => undefined },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('This message does not exist in this conversation.')).toBeVisible();
  },
};

/** The same in French. */
export const NotFoundFrench: Story = {
  parameters: { screen: { ...at(MOCK_ROOMS.general, 9999), language: 'fr' }, setup: () => undefined },
};
