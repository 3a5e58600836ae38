import type { Meta, StoryObj } from '@storybook/react-vite';
import { ADMIN_ROOM_ID, chatAdminHandlers, chatAdminMock, MockTrpcError, presenceHandlers, presenceMock, trpcMsw } from '@veza/mocks';
import { delay } from 'msw';
import { expect, userEvent, within } from 'storybook/test';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../../test/story.tsx';
import { storyUsers } from '../../../test/story-users.ts';
import { StatusPicker } from '../../presence/status-picker.tsx';
import { BlockedList } from '../moderation/block.tsx';
import { GroupDmDialog } from '../moderation/group-dm-dialog.tsx';
import { ReportDialog } from '../moderation/report-dialog.tsx';
import { SearchPanel } from '../search/search-panel.tsx';
import { RoomSettings } from './room-settings.tsx';

/** A stand-in for a stored 256×256 icon (the server serves WebP; any image shows the same way). */
const STORY_ROOM_ICON =
  'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#2a6"/><circle cx="4" cy="4" r="2.5" fill="#fd4"/></svg>');

const room = (role: 'owner' | 'moderator' | 'member', iconUrl: string | null = null) => ({
  id: ADMIN_ROOM_ID, kind: 'room' as const, name: 'modular', topic: 'Patches, racks and cables', visibility: 'public' as const, role, lastSeq: 5, lastReadSeq: 5,
  unreadCount: 0, mentionCount: 0, lastMessage: null, slowModeSeconds: 30, mutedUntil: null, peer: null, members: null, createdAt: '2026-11-20T10:00:00.000Z', iconUrl,
});

const meta = {
  title: 'Features/Chat/Panels',
  decorators: [
    (Story) => {
      chatAdminMock.reset();
      presenceMock.reset();
      presenceMock.set(storyUsers.lea.id, 'dnd');
      return <div style={{ maxWidth: 640 }}><Story /></div>;
    },
    screenDecorator,
  ],
  // Signed in as the story's user whatever ran before (the mock back end outlives a story).
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: {
    screen: { session: storyUsers.ana } satisfies ScreenParameters,
    msw: mocks(...chatAdminHandlers, ...presenceHandlers),
  },
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

export const SettingsOverviewOwner: Story = { render: () => <RoomSettings room={room('owner')} /> };
export const SettingsOverviewMember: Story = { render: () => <RoomSettings room={room('member')} /> };
/** Room icon states: set (Change / Remove for moderators), none (initials on a colour), a broken URL (initials again). */
export const SettingsIconSet: Story = { render: () => <RoomSettings room={room('owner', STORY_ROOM_ICON)} /> };
export const SettingsIconNoneMember: Story = { render: () => <RoomSettings room={room('member')} /> };
export const SettingsIconBroken: Story = { render: () => <RoomSettings room={room('moderator', '/api/chat/rooms/missing/icon?v=0')} /> };
export const SettingsMembers: Story = {
  render: () => <RoomSettings room={room('owner')} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('tab', { name: 'Members' }));
    await expect(await canvas.findByText('@marc.dubois')).toBeInTheDocument();
  },
};
export const SettingsMembersLoading: Story = {
  render: () => <RoomSettings room={room('owner')} />,
  parameters: { msw: mocks(trpcMsw.chat.members.list.query(async () => { await delay('infinite'); throw new Error('never'); }), ...chatAdminHandlers) },
  play: async ({ canvasElement }) => userEvent.click(within(canvasElement).getByRole('tab', { name: 'Members' })),
};
export const SettingsMembersError: Story = {
  render: () => <RoomSettings room={room('owner')} />,
  parameters: { msw: mocks(trpcMsw.chat.members.list.query(() => { throw new MockTrpcError('FORBIDDEN', 'You are not a member of this room.'); }), ...chatAdminHandlers) },
  play: async ({ canvasElement }) => userEvent.click(within(canvasElement).getByRole('tab', { name: 'Members' })),
};
export const SettingsBans: Story = {
  render: () => <RoomSettings room={room('moderator')} />,
  play: async ({ canvasElement }) => userEvent.click(within(canvasElement).getByRole('tab', { name: 'Bans' })),
};
export const SettingsInvites: Story = {
  render: () => <RoomSettings room={room('owner')} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('tab', { name: 'Invites' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Create invite link' }));
    await expect(await canvas.findByLabelText('Invite link')).toBeInTheDocument();
  },
};
export const SearchEmpty: Story = { render: () => <SearchPanel room={{ id: ADMIN_ROOM_ID, name: 'modular' }} /> };
export const SearchResults: Story = {
  render: () => <SearchPanel room={null} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('searchbox'), 'guit');
    await expect(await canvas.findByRole('region', { name: 'modular' })).toBeInTheDocument();
  },
};
export const SearchNoMatch: Story = {
  render: () => <SearchPanel room={null} />,
  play: async ({ canvasElement }) => userEvent.type(within(canvasElement).getByRole('searchbox'), 'zzzz'),
};
export const SearchError: Story = {
  render: () => <SearchPanel room={null} />,
  parameters: { msw: mocks(trpcMsw.chat.messages.search.query(() => { throw new MockTrpcError('TOO_MANY_REQUESTS', 'You are searching too fast. Try again in 1 second.'); })) },
  play: async ({ canvasElement }) => userEvent.type(within(canvasElement).getByRole('searchbox'), 'reverb'),
};
export const Report: Story = { render: () => <ReportDialog messageId="101" onClose={() => undefined} /> };
export const NewGroup: Story = { render: () => <GroupDmDialog open onClose={() => undefined} /> };
export const BlockedPeople: Story = { render: () => <BlockedList /> };
export const StatusPickerOpen: Story = {
  render: () => <div style={{ display: 'flex', justifyContent: 'flex-end' }}><StatusPicker /></div>,
  play: async ({ canvasElement }) => userEvent.click(within(canvasElement).getByRole('button', { name: /Status/ })),
};
export const Phone: Story = {
  render: () => <RoomSettings room={room('owner')} />,
  globals: { viewport: { value: 'mobile1', isRotated: false } },
};
