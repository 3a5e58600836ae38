import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { accountMock, resetMockDb } from '@veza/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../../i18n.ts';
import { useSession } from '../../../stores/session.ts';
import { textOf } from '../../../test/dom.ts';
import { ana, renderScreen } from '../../../test/render.tsx';
import { SessionsPage } from './sessions.page.tsx';

function renderSessions() {
  resetMockDb({ signedInAs: 'ana' });
  return renderScreen(<SessionsPage />, { path: '/settings/sessions', url: '/settings/sessions', session: ana });
}

const cards = () => within(screen.getByRole('list', { name: 'Signed-in devices' })).getAllByRole('listitem', { name: /./ }).filter((li) => li.parentElement?.getAttribute('aria-label') === 'Signed-in devices');

describe('SessionsPage', () => {
  afterEach(() => {
    initI18n('en');
  });

  it('lists the devices, this one first with its badge and no logout button', async () => {
    renderSessions();
    await screen.findByRole('list', { name: 'Signed-in devices' });
    const [current, ...others] = cards();
    expect(current!.getAttribute('aria-label')).toBe('Firefox 142 on Linux');
    expect(within(current!).getByText('This device')).toBeTruthy();
    expect(within(current!).queryByRole('button')).toBeNull();
    expect(others.map((card) => card.getAttribute('aria-label'))).toEqual(['Safari 19 on iOS 26', 'Chrome 141 on Windows 11', 'Android 16']);
    expect(textOf(others[0]!)).toContain('IP 198.51.100.23');
    expect(textOf(others[0]!)).toContain('Signed in with a passkey');
    expect(textOf(others[0]!)).toContain('Last active 2 hours ago');
  });

  it('says how each session was really signed in, second factor included, in English and French', async () => {
    renderSessions();
    await screen.findByRole('list', { name: 'Signed-in devices' });
    const [current, phone, chrome, tablet] = cards();
    expect(textOf(current!)).toContain('Signed in with password');
    expect(textOf(current!)).not.toContain('+');
    expect(textOf(phone!)).toContain('Signed in with a passkey');
    expect(textOf(chrome!)).toContain('Signed in with password + authenticator app');
    expect(textOf(tablet!)).toContain('Signed in with Google');
    cleanup();

    accountMock.setSessions('ana', accountMock.sessionsOf('ana').map((s) => (s.browser === 'Chrome 141' ? { ...s, method: 'oauth:github', secondFactor: 'recovery' as const } : s)));
    renderScreen(<SessionsPage />, { path: '/settings/sessions', url: '/settings/sessions', session: ana, language: 'fr' });
    const list = await screen.findByRole('list', { name: 'Appareils connectés' });
    expect(textOf(list)).toContain('Connexion par GitHub + code de récupération');
  });

  it('logs out one other device after confirming, and keeps it when cancelled', async () => {
    renderSessions();
    await screen.findByRole('list', { name: 'Signed-in devices' });
    const logoutChrome = screen.getByRole('button', { name: 'Log out Chrome 141 on Windows 11' });

    await userEvent.click(logoutChrome);
    let dialog = screen.getByRole('dialog', { name: 'Log out this device?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(accountMock.sessionsOf('ana')).toHaveLength(4);

    await userEvent.click(logoutChrome);
    dialog = screen.getByRole('dialog', { name: 'Log out this device?' });
    expect(textOf(dialog)).toContain('Chrome 141 on Windows 11 will be signed out at its next action.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Log out this device' }));

    expect(await screen.findByText('Chrome 141 on Windows 11 has been logged out.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Log out Chrome 141 on Windows 11' })).toBeNull());
    expect(accountMock.sessionsOf('ana').map((s) => s.browser)).toEqual(['Firefox 142', 'Safari 19', null]);
  });

  it('shows the server message in the dialog when the session is already gone', async () => {
    renderSessions();
    await screen.findByRole('list', { name: 'Signed-in devices' });
    accountMock.setSessions('ana', accountMock.sessionsOf('ana').filter((s) => s.browser !== 'Safari 19'));
    await userEvent.click(screen.getByRole('button', { name: 'Log out Safari 19 on iOS 26' }));
    const dialog = screen.getByRole('dialog', { name: 'Log out this device?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Log out this device' }));
    expect(textOf(await within(dialog).findByRole('alert'))).toBe('Session not found.');
  });

  it('logs out everywhere else, keeping this device', async () => {
    renderSessions();
    await screen.findByRole('list', { name: 'Signed-in devices' });
    await userEvent.click(screen.getByRole('button', { name: 'Log out everywhere else' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Log out everywhere else?' })).getByRole('button', { name: 'Log out everywhere else' }));
    expect(await screen.findByText('3 other sessions ended.')).toBeTruthy();
    await waitFor(() => expect(cards()).toHaveLength(1));
    expect(screen.getByText("You're only signed in here.")).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Log out everywhere else' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('logs out everywhere, this device included, and goes to the login page', async () => {
    renderSessions();
    await screen.findByRole('list', { name: 'Signed-in devices' });
    await userEvent.click(screen.getByRole('button', { name: 'Log out everywhere' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Log out everywhere?' })).getByRole('button', { name: 'Log out everywhere' }));
    expect(textOf(await screen.findByTestId('location'))).toBe('/login');
    expect(useSession.getState().status).toBe('signed-out');
    expect(accountMock.sessionsOf('ana')).toEqual([]);
  });
});
