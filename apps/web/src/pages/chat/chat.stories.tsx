import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { chatMock, MOCK_ROOMS, states } from '@veza/mocks';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { resetChatStore } from '../../features/chat/chat-store.ts';
import { MockInboxFeed } from '../../features/chat/inbox/mock-inbox-feed.tsx';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { ChatPage } from './chat.page.tsx';
import { MockRoomFeed } from '../../features/chat/mock-room-feed.tsx';

const withMockLive: Decorator = (Story) => (
  <MockRoomFeed>
    <MockInboxFeed>
      <Story />
    </MockInboxFeed>
  </MockRoomFeed>
);

const room = (id: string): ScreenParameters => ({ path: '/chat/:roomId', url: `/chat/${id}`, session: storyUsers.ana });
const phone = { viewport: { value: 'mobile1', isRotated: false } };

const meta = {
  title: 'Screens/Chat',
  component: ChatPage,
  decorators: [withMockLive, screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    resetChatStore();
    (parameters.setup as (() => void) | undefined)?.();
  },
  parameters: {
    layout: 'fullscreen',
    screen: { path: '/chat', url: '/chat', session: storyUsers.ana } satisfies ScreenParameters,
    msw: mocks(),
  },
} satisfies Meta<typeof ChatPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The list: rooms and DMs, with unread and mention badges on #general. */
export const SidebarWithBadges: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const general = await canvas.findByRole('link', { name: /general/ });
    await expect(within(general).getByLabelText('2 unread messages')).toBeVisible();
    await expect(within(general).getByLabelText('1 mention of you')).toBeVisible();
  },
};

/** Badges live (chat.onInbox, mocked): someone writes and mentions me in a room; then I read it in another tab. */
export const LiveBadgeUpdate: Story = {
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    const room = await canvas.findByRole('link', { name: /field-recordings/ });
    let seq = 0;
    await step('a new message mentioning me arrives', async () => {
      seq = chatMock.say(MOCK_ROOMS.empty, 'lea_m', 'Recorded the rain on the roof, @ana listen!')?.seq ?? 0;
      await expect(await within(room).findByLabelText('1 unread message')).toBeVisible();
      await expect(within(room).getByLabelText('1 mention of you')).toBeVisible();
    });
    await step('read in another tab: the badges go', async () => {
      chatMock.readElsewhere(MOCK_ROOMS.empty, seq);
      await waitFor(() => expect(room.querySelector('.vw-chat-badge')).toBeNull());
    });
  },
};

/** Room icons in the list: #general has one, the others show their initials on a colour. */
export const RoomIcons: Story = {
  parameters: {
    setup: () =>
      chatMock.setIcon(
        MOCK_ROOMS.general,
        'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#2a6"/><circle cx="4" cy="4" r="2.5" fill="#fd4"/></svg>'),
      ),
  },
};

/** A room opened with unread messages: the "new messages" divider, a reply quote, a reaction, a mention of me. */
export const UnreadDivider: Story = {
  parameters: { screen: room(MOCK_ROOMS.general) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('New messages')).toBeVisible();
  },
};

/** A room without messages yet. */
export const EmptyRoom: Story = { parameters: { screen: room(MOCK_ROOMS.empty) } };

/** The history is on its way. */
export const Loading: Story = { parameters: { screen: room(MOCK_ROOMS.general), msw: mocks(states.loading('chat.messages.list')) } };

/** The history could not be read. */
export const LoadError: Story = { parameters: { screen: room(MOCK_ROOMS.general), msw: mocks(states.error('chat.messages.list')) } };

/** 5,000 messages: only the rows on screen are in the page; scrolling up reads older pages. */
export const LongConversation: Story = {
  parameters: { screen: room(MOCK_ROOMS.empty), setup: () => chatMock.fill(MOCK_ROOMS.empty, 5000) },
};

/** Someone is typing, then their message arrives live. */
export const Typing: Story = {
  parameters: { screen: room(MOCK_ROOMS.general) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('Anyone up for a collab this weekend?');
    chatMock.typing(MOCK_ROOMS.general, 'marc.dubois');
    await expect(await canvas.findByText('Marc Dubois is typing…')).toBeVisible();
  },
};

/** A new message arrives live while reading. */
export const LiveMessage: Story = {
  parameters: { screen: room(MOCK_ROOMS.general) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('Anyone up for a collab this weekend?');
    chatMock.say(MOCK_ROOMS.general, 'lea_m', 'Saturday works for me!');
    await expect(await canvas.findByText('Saturday works for me!')).toBeVisible();
  },
};

/** A DM: the peer's name and presence in the header. */
export const DirectMessage: Story = { parameters: { screen: room(MOCK_ROOMS.dmMarc) } };

/** A public room I am not in: read it, and join to write. */
export const NotAMember: Story = { parameters: { screen: room(MOCK_ROOMS.synths) } };

/** Muted: the composer says until when. */
export const Muted: Story = { parameters: { screen: room(MOCK_ROOMS.general), setup: () => chatMock.mute(MOCK_ROOMS.general, 'ana') } };

/** Slow mode on, for a member. */
export const SlowMode: Story = {
  parameters: { screen: { ...room(MOCK_ROOMS.general), session: storyUsers.lea }, setup: () => chatMock.setSlowMode(MOCK_ROOMS.general, 30) },
};

/** Sending too fast: the message stays with the reason and a retry that waits for the seconds asked. */
export const RateLimited: Story = {
  parameters: { screen: room(MOCK_ROOMS.general), setup: () => chatMock.refuseSends(1) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('Anyone up for a collab this weekend?');
    // The composer waits for the room list (chat.rooms.list), which can answer after the messages: find, not get.
    await userEvent.type(await canvas.findByRole('combobox', { name: 'Message general' }), 'Too fast{Enter}');
    await expect(await canvas.findByText(/You are sending too fast/)).toBeVisible();
  },
};

/** Phones: the list is a screen of its own… */
export const PhoneList: Story = { globals: phone };

/** …and so is the conversation, with a back link. */
export const PhoneRoom: Story = { parameters: { screen: room(MOCK_ROOMS.general) }, globals: phone };
