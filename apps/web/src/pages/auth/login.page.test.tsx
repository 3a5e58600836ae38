import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { db, enableMockTwoFactor, expireMockTickets, MOCK_RECOVERY_CODES, MOCK_SPENT_TOTP_CODE, MOCK_TOTP_CODE, secondFactorAnswer, states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n.ts';
import { useSession } from '../../stores/session.ts';
import { descriptionOf, textOf } from '../../test/dom.ts';
import { renderScreen } from '../../test/render.tsx';
import { LoginPage } from './login.page.tsx';

const renderLogin = (url = '/login') => renderScreen(<LoginPage />, { path: '/login', url });

async function fillAndSubmit(login: string, password: string) {
  await userEvent.type(screen.getByLabelText('Email or username'), login);
  await userEvent.type(screen.getByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('LoginPage', () => {
  it('validates with the shared schema before calling the API, and focuses the first invalid field', async () => {
    renderLogin();
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));

    expect(textOf(screen.getByRole('alert'))).toBe('Please fix the highlighted fields.');
    const login = screen.getByLabelText('Email or username');
    expect(login.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(login)).toBe('Enter your email or username.');
    expect(descriptionOf(screen.getByLabelText('Password'))).toBe('Enter your password.');
    expect(document.activeElement).toBe(login);
    expect(useSession.getState().status).toBe('signed-out');
  });

  it('clears a field error as soon as the field is edited', async () => {
    renderLogin();
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await userEvent.type(screen.getByLabelText('Email or username'), 'a');
    expect(screen.getByLabelText('Email or username').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
  });

  it("shows the server's message when the credentials are wrong", async () => {
    renderLogin();
    await fillAndSubmit('ana', 'wrong password');
    await waitFor(() => expect(textOf(screen.getByRole('alert'))).toBe('Incorrect email, username or password.'));
    expect(useSession.getState().status).toBe('signed-out');
  });

  it('shows per-field errors sent by the server beside the field', async () => {
    server.use(states.error('auth.login', 'BAD_REQUEST', 'Too long.', { login: ['Too long.'] }));
    renderLogin();
    await fillAndSubmit('ana', 'secret');
    await waitFor(() => expect(descriptionOf(screen.getByLabelText('Email or username'))).toBe('Too long.'));
    expect(textOf(screen.getByRole('alert'))).toBe('Too long.');
  });

  it('signs in, loads the user and goes to the ?next= page', async () => {
    renderLogin('/login?next=%2Fupload');
    await fillAndSubmit('ANA@example.com', 'password123');
    expect(textOf(await screen.findByTestId('location'))).toBe('/upload');
    expect(useSession.getState()).toMatchObject({ status: 'signed-in', user: { username: 'ana', displayName: 'Ana Lima' } });
  });

  it('ignores a ?next= that leaves the site', async () => {
    renderLogin('/login?next=%2F%2Fevil.example');
    await fillAndSubmit('ana', 'password123');
    expect(textOf(await screen.findByTestId('location'))).toBe('/');
  });
});

const FR = { login: "E-mail ou nom d'utilisateur", password: 'Mot de passe', submit: 'Se connecter' };

describe('LoginPage, two-factor authentication', () => {
  const twoFactorLogin = async (language: 'en' | 'fr' = 'en') => {
    enableMockTwoFactor('ana');
    if (language === 'en') {
      renderLogin('/login?next=%2Fupload');
      await fillAndSubmit('ana', 'password123');
      return screen.findByLabelText('6-digit code');
    }
    renderScreen(<LoginPage />, { path: '/login', url: '/login', language });
    await userEvent.type(screen.getByLabelText(FR.login), 'ana');
    await userEvent.type(screen.getByLabelText(FR.password), 'password123');
    await userEvent.click(screen.getByRole('button', { name: FR.submit }));
    return screen.findByLabelText('Code à 6 chiffres');
  };
  afterEach(() => {
    initI18n('en');
  });

  it('asks for the 6-digit code after the password, with the right input hints, and focuses it', async () => {
    const code = await twoFactorLogin();
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(document.activeElement).toBe(code);
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(useSession.getState().status).toBe('signed-out');
  });

  it('finishes an OAuth sign-in that needs the code, from the ticket in the URL fragment', async () => {
    enableMockTwoFactor('ana');
    const ana = db.users.find((u) => u.username === 'ana');
    if (!ana) throw new Error('no mock ana');
    const { ticket } = secondFactorAnswer(ana);
    renderLogin(`/login?next=%2Fupload#second-factor=${ticket}`);
    const code = await screen.findByLabelText('6-digit code');
    expect(screen.queryByLabelText('Password')).toBeNull();
    await userEvent.type(code, MOCK_TOTP_CODE);
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(textOf(await screen.findByTestId('location'))).toBe('/upload');
    expect(useSession.getState()).toMatchObject({ status: 'signed-in', user: { username: 'ana' } });
  });

  it('checks the code format before calling the API', async () => {
    const code = await twoFactorLogin();
    await userEvent.type(code, '12ab');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(descriptionOf(code)).toContain('Enter the 6-digit code from your authenticator app.');
    expect(useSession.getState().status).toBe('signed-out');
  });

  it('refuses a wrong code, then signs in with the right one and goes to ?next=', async () => {
    const code = await twoFactorLogin();
    await userEvent.type(code, '654321');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    // Said once, in the alert (not beside the field too); editing the code clears it.
    await waitFor(() => expect(textOf(screen.getByRole('alert'))).toBe('That code is not right, or was already used. Wait for the next code and try again.'));
    expect(screen.getAllByText(/That code is not right/)).toHaveLength(1);
    expect(descriptionOf(code)).not.toContain('not right');
    expect(useSession.getState().status).toBe('signed-out');

    await userEvent.clear(code);
    await userEvent.type(code, `${MOCK_TOTP_CODE.slice(0, 3)} ${MOCK_TOTP_CODE.slice(3)}`);
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(textOf(await screen.findByTestId('location'))).toBe('/upload');
    expect(useSession.getState()).toMatchObject({ status: 'signed-in', user: { username: 'ana' } });
  });

  it('says to wait for the next code when the code was just used (e.g. right after turning 2FA on)', async () => {
    const code = await twoFactorLogin();
    await userEvent.type(code, MOCK_SPENT_TOTP_CODE);
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(textOf(screen.getByRole('alert'))).toBe('This code was just used. Wait for the next code in your app (up to 30 seconds) and enter it.'));
    expect(screen.getAllByText(/This code was just used/)).toHaveLength(1);
    // Typing the next code clears the message at once.
    await userEvent.clear(code);
    await userEvent.type(code, '1');
    expect(screen.queryByText(/This code was just used/)).toBeNull();
  });

  it('says it in French too', async () => {
    const code = await twoFactorLogin('fr');
    await userEvent.type(code, MOCK_SPENT_TOTP_CODE);
    await userEvent.click(screen.getByRole('button', { name: 'Vérifier' }));
    await waitFor(() => expect(textOf(screen.getByRole('alert'))).toBe("Ce code vient d'être utilisé. Attendez le code suivant dans votre application (30 secondes au plus) et saisissez-le."));
    expect(descriptionOf(code)).not.toContain('Ce code');
  });

  it('switches to a recovery code and signs in with it', async () => {
    await twoFactorLogin();
    await userEvent.click(screen.getByRole('button', { name: 'Use a recovery code' }));
    const recovery = screen.getByLabelText('Recovery code');
    expect(document.activeElement).toBe(recovery);
    await userEvent.type(recovery, MOCK_RECOVERY_CODES[0]!.toUpperCase());
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(textOf(await screen.findByTestId('location'))).toBe('/upload');
  });

  it('goes back to the password step, saying why, when the sign-in has expired', async () => {
    const code = await twoFactorLogin();
    expireMockTickets();
    await userEvent.type(code, MOCK_TOTP_CODE);
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(textOf(screen.getByRole('alert'))).toBe('This sign-in has expired. Please sign in again.'));
    expect(screen.getByLabelText('Password')).toBeTruthy();
    expect(useSession.getState().status).toBe('signed-out');
  });

  it('goes back to the password step with "Start over"', async () => {
    await twoFactorLogin();
    await userEvent.click(screen.getByRole('button', { name: 'Start over' }));
    expect(screen.getByLabelText('Password')).toBeTruthy();
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
  });
});

describe('LoginPage, other ways in', () => {
  it('links to each configured OAuth provider, coming back to ?next=', async () => {
    renderLogin('/login?next=%2Fupload');
    const github = await screen.findByRole('link', { name: 'Continue with GitHub' });
    expect(github.getAttribute('href')).toBe('/api/oauth/github/start?intent=login&next=%2Fupload');
    expect(screen.getByRole('link', { name: 'Continue with Discord' })).toBeTruthy();
  });

  it('explains an OAuth failure from ?oauthError=', async () => {
    renderLogin('/login?oauthError=email_in_use');
    expect(screen.getAllByRole('alert').map(textOf).join(' ')).toContain('An account already uses this email.');
  });

  it('shows the password-reset confirmation and links to "Forgot password?"', () => {
    renderLogin('/login?notice=password_reset');
    expect(textOf(screen.getByRole('status'))).toContain('Your password was changed');
    expect(screen.getByRole('link', { name: 'Forgot password?' }).getAttribute('href')).toBe('/forgot-password');
  });
});
