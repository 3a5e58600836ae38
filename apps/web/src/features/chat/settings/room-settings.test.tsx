import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RouterOutputs } from '@veza/api';
import { ADMIN_ROOM_ID, chatAdminHandlers, chatAdminMock, MockTrpcError, presenceHandlers, presenceMock, resetMockDb } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { beforeEach, describe, expect, it } from 'vitest';
import { ana, lea, renderScreen } from '../../../test/render.tsx';
import type { SessionUser } from '../../../stores/session.ts';
import { RoomSettings } from './room-settings.tsx';
import { durationLabel } from './settings-options.ts';

type RoomDto = RouterOutputs['chat']['rooms']['list'][number];

export function adminRoom(role: RoomDto['role']): RoomDto {
  return {
    id: ADMIN_ROOM_ID, kind: 'room', name: 'modular', topic: 'Patches, racks and cables', visibility: 'public', role, lastSeq: 5, lastReadSeq: 5,
    unreadCount: 0, mentionCount: 0, lastMessage: null, slowModeSeconds: 0, mutedUntil: null, peer: null, members: null, createdAt: '2026-11-20T10:00:00.000Z', iconUrl: null,
  };
}

beforeEach(() => {
  resetMockDb({ signedInAs: 'ana' });
  chatAdminMock.reset();
  presenceMock.reset();
  server.use(...chatAdminHandlers, ...presenceHandlers);
});

const open = (role: RoomDto['role'], session: SessionUser = ana) => renderScreen(<RoomSettings room={adminRoom(role)} />, { session });

describe('RoomSettings', () => {
  it('lets the owner change a role, remove someone after confirming, and shows role badges and presence', async () => {
    presenceMock.set(lea.id, 'dnd');
    const user = userEvent.setup();
    open('owner');
    await user.click(screen.getByRole('tab', { name: 'Members' }));
    const list = (await screen.findByText('@marc.dubois')).closest('ul')!;
    expect(within(list).getByText('Moderator')).toBeTruthy();
    expect(within(list).getByText('Owner')).toBeTruthy();
    await waitFor(() => expect(within(list).getAllByRole('img', { name: 'Do not disturb' })).toHaveLength(1));
    // No menu on my own row (the owner).
    expect(screen.queryByRole('button', { name: /Actions for Ana/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: /Actions for Marc/ }));
    await user.click(screen.getByRole('menuitem', { name: 'Make member' }));
    await waitFor(() => expect(within(list).queryByText('Moderator')).toBeNull());

    await user.click(screen.getByRole('button', { name: 'Actions for lea_m' }));
    await user.click(screen.getByRole('menuitem', { name: 'Remove from room' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove from the room?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove from room' }));
    await waitFor(() => expect(chatAdminMock.state().members.has(lea.id)).toBe(false));
  });

  it('bans with a reason, and the ban is listed with Unban', async () => {
    const user = userEvent.setup();
    open('owner');
    await user.click(screen.getByRole('tab', { name: 'Members' }));
    await user.click(await screen.findByRole('button', { name: 'Actions for lea_m' }));
    await user.click(screen.getByRole('menuitem', { name: 'Ban' }));
    const dialog = await screen.findByRole('dialog', { name: /Ban/ });
    await user.type(within(dialog).getByLabelText(/Reason/), 'Spam links');
    await user.click(within(dialog).getByRole('button', { name: 'Ban' }));
    await waitFor(() => expect(chatAdminMock.state().bans[0]?.reason).toBe('Spam links'));

    await user.click(screen.getByRole('tab', { name: 'Bans' }));
    await screen.findByText(/Spam links/);
    await user.click(screen.getByRole('button', { name: 'Unban @spammer' }));
    await waitFor(() => expect(screen.queryByText(/Links to scams/)).toBeNull());
  });

  it('creates an invite link shown once, and revokes an active one', async () => {
    const user = userEvent.setup();
    open('moderator');
    await user.click(screen.getByRole('tab', { name: 'Invites' }));
    await user.type(screen.getByLabelText('Maximum uses'), '0');
    await user.click(screen.getByRole('button', { name: 'Create invite link' }));
    expect(screen.getByText(/whole number of uses/)).toBeTruthy();
    await user.clear(screen.getByLabelText('Maximum uses'));
    await user.type(screen.getByLabelText('Maximum uses'), '5');
    await user.click(screen.getByRole('button', { name: 'Create invite link' }));
    const link = (await screen.findByLabelText('Invite link')) as HTMLInputElement;
    expect(link.value).toMatch(/\/chat\/invite\/mockInvite3_/);
    expect(chatAdminMock.state().invites[0]).toMatchObject({ maxUses: 5, active: true });

    const revokes = await screen.findAllByRole('button', { name: 'Revoke' });
    await user.click(revokes[0]!);
    await waitFor(() => expect(chatAdminMock.state().invites.filter((i) => i.active)).toHaveLength(1));
  });

  it('shows a member only the overview (read-only) and the member list, without actions', async () => {
    resetMockDb({ signedInAs: 'lea_m' });
    const user = userEvent.setup();
    open('member', lea);
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Overview', 'Members']);
    expect((screen.getByLabelText('Name') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save changes' })).toBeNull();
    await user.click(screen.getByRole('tab', { name: 'Members' }));
    await screen.findByText('@marc.dubois');
    expect(screen.queryByRole('button', { name: /Actions for/ })).toBeNull();
  });

  it('saves the overview and shows a refusal inline', async () => {
    const user = userEvent.setup();
    open('owner');
    await user.selectOptions(screen.getByLabelText('Slow mode'), '30');
    chatAdminMock.failNext('chat.rooms.update', new MockTrpcError('FORBIDDEN', "Only the room's owner and moderators can change the room."));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Only the room's owner/);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Changes saved.');
    expect(chatAdminMock.state().room.slowModeSeconds).toBe(30);
  });

  it('moves between tabs with the arrow keys', async () => {
    const user = userEvent.setup();
    open('owner');
    screen.getByRole('tab', { name: 'Overview' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Members' }));
    expect(screen.getByRole('tab', { name: 'Members' }).getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Invites' }).getAttribute('aria-selected')).toBe('true');
  });
});

describe('durationLabel', () => {
  const t = (key: string, o: { count: number }) => `${o.count} ${key.split('.').pop()}`;
  it('uses the largest whole unit', () => {
    expect(durationLabel(t, 30)).toBe('30 seconds');
    expect(durationLabel(t, 300)).toBe('5 minutes');
    expect(durationLabel(t, 3600)).toBe('1 hours');
    expect(durationLabel(t, 7 * 86_400)).toBe('7 days');
    expect(durationLabel(t, 90)).toBe('90 seconds');
  });
});
