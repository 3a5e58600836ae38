import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { chatAdminHandlers, chatAdminMock, fixtures, resetMockDb } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ana, renderScreen } from '../../../test/render.tsx';
import { BlockedList } from './block.tsx';
import { GroupDmDialog } from './group-dm-dialog.tsx';
import { ProfileMoreActions } from './profile-actions.tsx';
import { ReportDialog } from './report-dialog.tsx';

beforeEach(() => {
  resetMockDb({ signedInAs: 'ana' });
  chatAdminMock.reset();
  server.use(...chatAdminHandlers);
});

describe('ReportDialog', () => {
  it('needs a reason, sends it with the note, and closes', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderScreen(<ReportDialog messageId="101" onClose={onClose} />, { session: ana });
    const dialog = screen.getByRole('dialog', { name: 'Report this message' });
    expect(within(dialog).getByRole('button', { name: 'Send report' })).toHaveProperty('disabled', true);
    await user.click(within(dialog).getByRole('radio', { name: 'Harassment' }));
    await user.type(within(dialog).getByLabelText(/Anything to add/), 'Third time today');
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(chatAdminMock.state().reports.has('101')).toBe(true);
    expect(await screen.findByText(/moderators will look at it/)).toBeTruthy();
  });
});

describe('Blocking', () => {
  it('blocks from the profile menu after confirming, lists them in settings, and unblocks there', async () => {
    const user = userEvent.setup();
    renderScreen(
      <>
        <ProfileMoreActions username={fixtures.marc.username} />
        <BlockedList />
      </>,
      { session: ana },
    );
    expect(await screen.findByText('You have not blocked anyone.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: `More actions for @${fixtures.marc.username}` }));
    await user.click(screen.getByRole('menuitem', { name: `Block @${fixtures.marc.username}` }));
    const dialog = await screen.findByRole('dialog', { name: `Block @${fixtures.marc.username}?` });
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    await waitFor(() => expect(chatAdminMock.state().blocks.map((b) => b.user.username)).toEqual([fixtures.marc.username]));
    await user.click(await screen.findByRole('button', { name: `Unblock @${fixtures.marc.username}` }));
    await waitFor(() => expect(chatAdminMock.state().blocks).toEqual([]));
    expect(await screen.findByText('You have not blocked anyone.')).toBeTruthy();
  });
});

describe('GroupDmDialog', () => {
  it('adds people as chips (checked to exist, not me, no twice) and starts the group with 2 or more', async () => {
    const user = userEvent.setup();
    renderScreen(<GroupDmDialog open onClose={() => undefined} />, { session: ana, path: '*', url: '/chat' });
    const dialog = screen.getByRole('dialog', { name: 'New group' });
    const input = within(dialog).getByLabelText('Username');
    const start = within(dialog).getByRole('button', { name: 'Start group' });
    await user.type(input, 'ana{Enter}');
    expect(within(dialog).getByRole('alert').textContent).toBe('You are in the group already.');
    await user.clear(input);
    await user.type(input, 'nobody_here{Enter}');
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/./);
    await user.clear(input);
    await user.type(input, `@${fixtures.marc.username}{Enter}`);
    await within(dialog).findByText(`@${fixtures.marc.username}`);
    expect(start).toHaveProperty('disabled', true);
    await user.type(input, `${fixtures.marc.username}{Enter}`);
    expect(within(dialog).getByRole('alert').textContent).toMatch(/already added/);
    await user.clear(input);
    await user.type(input, `${fixtures.lea.username}{Enter}`);
    await within(dialog).findByText(`@${fixtures.lea.username}`);
    expect(start).toHaveProperty('disabled', false);
    await user.click(within(dialog).getByRole('button', { name: `Remove @${fixtures.lea.username}` }));
    expect(start).toHaveProperty('disabled', true);
  });
});
