import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { accountMock, db, resetMockDb } from '@veza/mocks';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../../test/dom.ts';
import { ana, renderScreen } from '../../../test/render.tsx';
import { AdminLayout } from '../admin-layout.tsx';
import { AdminUsersPage } from './admin-users.page.tsx';

function renderAs(role: 'admin' | 'moderator' | 'user', ui = <AdminUsersPage />) {
  resetMockDb({ signedInAs: 'ana' });
  accountMock.setRole('ana', role);
  return renderScreen(ui, { path: '/admin/users', url: '/admin/users', session: { ...ana, role } });
}

const rowOf = (username: string) => screen.getByRole('rowheader', { name: new RegExp(`^@${username.replace('.', '\\.')}`) }).closest('tr')!;

describe('AdminUsersPage', () => {
  it('changes a role after confirming, and leaves it when cancelled', async () => {
    renderAs('admin');
    await screen.findByRole('table', { name: 'Users' });
    const select = within(rowOf('marc.dubois')).getByLabelText('Role of @marc.dubois') as HTMLSelectElement;
    expect(select.value).toBe('user');

    await userEvent.selectOptions(select, 'moderator');
    let dialog = screen.getByRole('dialog', { name: 'Change role?' });
    expect(textOf(dialog)).toContain('@marc.dubois goes from User to Moderator.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(db.users.find((u) => u.username === 'marc.dubois')!.role).toBe('user');
    expect(select.value).toBe('user');

    await userEvent.selectOptions(select, 'moderator');
    dialog = screen.getByRole('dialog', { name: 'Change role?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Change role' }));
    expect(await screen.findByText('@marc.dubois is now Moderator.')).toBeTruthy();
    expect(db.users.find((u) => u.username === 'marc.dubois')!.role).toBe('moderator');
    await waitFor(() => expect((within(rowOf('marc.dubois')).getByLabelText('Role of @marc.dubois') as HTMLSelectElement).value).toBe('moderator'));
  });

  it('cannot change its own role or lock itself', async () => {
    renderAs('admin');
    await screen.findByRole('table', { name: 'Users' });
    const own = rowOf('ana');
    expect(within(own).queryByRole('combobox')).toBeNull();
    expect(within(own).getByText('Admin')).toBeTruthy();
    expect(within(own).queryByRole('button')).toBeNull();
  });

  it('lets moderators lock and unlock but not change roles', async () => {
    renderAs('moderator');
    await screen.findByRole('table', { name: 'Users' });
    expect(screen.queryByRole('combobox', { name: /Role of/ })).toBeNull();
    await userEvent.click(within(rowOf('marc.dubois')).getByRole('button', { name: 'Lock @marc.dubois' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Lock this account?' })).getByRole('button', { name: 'Lock' }));
    expect(await screen.findByText('@marc.dubois is locked.')).toBeTruthy();
    expect(accountMock.isLocked('marc.dubois')).toBe(true);
    expect(within(rowOf('marc.dubois')).getByText('Locked')).toBeTruthy();
  });

  it('filters by role', async () => {
    renderAs('admin');
    await screen.findByRole('table', { name: 'Users' });
    await userEvent.selectOptions(screen.getByLabelText('Role', { selector: 'select' }), 'admin');
    await waitFor(() => expect(screen.getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['@anaAna Lima']));
  });

  it('shows a 403 page to people without an admin role', () => {
    renderAs('user', <AdminLayout />);
    expect(screen.getByRole('heading', { level: 1, name: "You don't have access to this page" })).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});
