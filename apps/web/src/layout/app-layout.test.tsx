import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetMockDb } from '@veza/mocks';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../features/session/require-auth.tsx';
import { useSession } from '../stores/session.ts';
import { ana, renderScreen } from '../test/render.tsx';
import { AppLayout } from './app-layout.tsx';

function Where({ name }: { name: string }) {
  return <p data-testid="where">{name}</p>;
}

/** The real layout over stand-in screens: home, login and a signed-in-only settings page. */
function renderLayout(url: string, session: typeof ana | null) {
  return renderScreen(
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Where name="home" />} />
        <Route path="login" element={<Where name="login" />} />
        <Route path="settings/*" element={<RequireAuth><Where name="settings" /></RequireAuth>} />
      </Route>
    </Routes>,
    { path: '/*', url, session },
  );
}

describe('header menu (phone layout)', () => {
  beforeEach(() => {
    // The engine has no top layer: opening the modal sets `open`, as browsers do.
    vi.spyOn(HTMLDialogElement.prototype, 'showModal').mockImplementation(function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('holds the navigation, the account links and the language; an admin gets the admin link', async () => {
    const user = userEvent.setup();
    resetMockDb({ signedInAs: ana.username });
    renderLayout('/', { ...ana, role: 'admin' });
    await user.click(within(screen.getByRole('banner')).getByRole('button', { name: 'Menu' }));
    const sheet = screen.getByRole('dialog', { name: 'Menu' });
    expect(within(sheet).getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(within(sheet).getByRole('link', { name: `Your profile (${ana.username})` }).getAttribute('href')).toBe(`/u/${ana.username}`);
    expect(within(sheet).getByRole('link', { name: 'Admin' }).getAttribute('href')).toBe('/admin');
    expect(within(sheet).getByRole('combobox', { name: 'Language' })).toBeTruthy();

    await user.click(within(sheet).getByRole('link', { name: 'Settings' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((await screen.findByTestId('where')).textContent).toBe('settings');
  });

  it('offers log in and sign up to a visitor, and no admin link to a user', async () => {
    const user = userEvent.setup();
    renderLayout('/', null);
    await user.click(within(screen.getByRole('banner')).getByRole('button', { name: 'Menu' }));
    const sheet = screen.getByRole('dialog', { name: 'Menu' });
    expect(within(sheet).getByRole('link', { name: 'Log in' }).getAttribute('href')).toBe('/login');
    expect(within(sheet).getByRole('link', { name: 'Sign up' }).getAttribute('href')).toBe('/signup');
    expect(within(sheet).queryByRole('link', { name: 'Admin' })).toBeNull();
  });

  it('logs out from the sheet, which closes at the press', async () => {
    const user = userEvent.setup();
    resetMockDb({ signedInAs: ana.username });
    renderLayout('/', ana);
    await user.click(within(screen.getByRole('banner')).getByRole('button', { name: 'Menu' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Menu' })).getByRole('button', { name: 'Log out' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(useSession.getState().status).toBe('signed-out'));
    expect(await within(screen.getByRole('banner')).findByRole('link', { name: 'Sign up' })).toBeTruthy();
    expect(screen.getByTestId('where').textContent).toBe('home');
  });
});
