import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { accountMock, resetMockDb } from '@veza/mocks';
import { describe, expect, it } from 'vitest';
import { ana, renderScreen } from '../../../test/render.tsx';
import { AdminMailboxPage, linksIn } from './admin-mailbox.page.tsx';

function renderMailbox() {
  resetMockDb({ signedInAs: 'ana' });
  accountMock.setRole('ana', 'admin');
  return renderScreen(<AdminMailboxPage />, { path: '/admin/mailbox', url: '/admin/mailbox', session: { ...ana, role: 'admin' } });
}

describe('AdminMailboxPage', () => {
  it('opens a mail: recipient, text and its links', async () => {
    renderMailbox();
    await userEvent.click(await screen.findByRole('button', { name: /Verify your email for Veza/ }));
    expect(screen.getByRole('heading', { name: 'Verify your email for Veza' })).toBeTruthy();
    const link = screen.getByRole('link', { name: /verify-email\?token=/ });
    expect(link.getAttribute('href')).toBe('http://localhost:5173/verify-email?token=Q2hlY2sgeW91ciBpbmJveCBmb3IgdGhlIHJlYWwgb25l');
  });

  it('says when the mailbox is off because mail goes out over SMTP', async () => {
    resetMockDb({ signedInAs: 'ana' });
    accountMock.setRole('ana', 'admin');
    accountMock.disableMailbox();
    renderScreen(<AdminMailboxPage />, { path: '/admin/mailbox', url: '/admin/mailbox', session: { ...ana, role: 'admin' } });
    expect(await screen.findByText('The dev mailbox is off')).toBeTruthy();
  });

  it('finds each link once', () => {
    expect(linksIn('Open https://a.example/x?y=1.\nOr (https://a.example/x?y=1) or http://b.example')).toEqual(['https://a.example/x?y=1', 'http://b.example']);
  });
});
