import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { db, resetMockDb } from '@veza/mocks';
import { describe, expect, it } from 'vitest';
import { useSession } from '../../../stores/session.ts';
import { textOf } from '../../../test/dom.ts';
import { ana, renderScreen } from '../../../test/render.tsx';
import { AccountSettingsPage } from './account.page.tsx';
import { DeletionBanner } from './deletion-banner.tsx';

function renderAccount() {
  resetMockDb({ signedInAs: 'ana' });
  return renderScreen(
    <>
      <DeletionBanner />
      <AccountSettingsPage />
    </>,
    { path: '/settings/account', url: '/settings/account', session: ana },
  );
}

const mockAna = () => db.users.find((u) => u.username === 'ana')!;

describe('account deletion', () => {
  it('asks for the username before scheduling the deletion, then shows the purge date and a banner', async () => {
    renderAccount();
    const section = screen.getByRole('region', { name: 'Delete my account' });
    expect(textOf(section)).toContain('there is a grace period');
    expect(screen.queryByText(/scheduled for deletion|will be deleted on/)).toBeNull();

    await userEvent.click(within(section).getByRole('button', { name: 'Delete my account' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete your account?' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete my account' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await userEvent.type(within(dialog).getByLabelText('Type your username (ana) to confirm'), 'an');
    expect(confirm.disabled).toBe(true);
    await userEvent.type(within(dialog).getByLabelText('Type your username (ana) to confirm'), 'a');
    expect(confirm.disabled).toBe(false);
    await userEvent.click(confirm);

    const purge = new Date(Date.now() + 14 * 86_400_000);
    const purgeText = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' }).format(purge);
    expect(await within(section).findByText(`Your account will be purged on ${purgeText}.`)).toBeTruthy();
    expect(screen.getByText(`Your account will be deleted on ${purgeText}`)).toBeTruthy();
    expect(mockAna().deletionRequestedAt).not.toBeNull();
    expect(useSession.getState().user?.deletionRequestedAt).not.toBeNull();
  });

  it('cancels a pending deletion from the account page', async () => {
    renderAccount();
    mockAna().deletionRequestedAt = new Date().toISOString();
    useSession.getState().update({ deletionRequestedAt: mockAna().deletionRequestedAt });
    const section = await screen.findByRole('region', { name: 'Delete my account' });
    expect(screen.getByText('Your account is scheduled for deletion')).toBeTruthy();

    // Two "Cancel deletion" buttons: the banner's and the section's.
    expect(screen.getAllByRole('button', { name: 'Cancel deletion' })).toHaveLength(2);
    await userEvent.click(within(section).getByRole('button', { name: 'Cancel deletion' }));

    expect(await screen.findByText('Deletion cancelled. Your account stays.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Your account is scheduled for deletion')).toBeNull());
    expect(within(section).getByRole('button', { name: 'Delete my account' })).toBeTruthy();
    expect(mockAna().deletionRequestedAt).toBeNull();
  });

  it('keeps the dialog open and shows the server message when the request fails', async () => {
    const { server } = await import('@veza/mocks/node');
    const { states } = await import('@veza/mocks');
    server.use(states.error('account.requestDeletion', 'TOO_MANY_REQUESTS', 'Too many attempts. Try again in a minute.'));
    renderAccount();
    await userEvent.click(screen.getByRole('button', { name: 'Delete my account' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete your account?' });
    await userEvent.type(within(dialog).getByRole('textbox'), 'ANA');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete my account' }));
    expect(textOf(await within(dialog).findByRole('alert'))).toBe('Too many attempts. Try again in a minute.');
    expect(mockAna().deletionRequestedAt).toBeNull();
  });
});
