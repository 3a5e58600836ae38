import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { db, resetMockDb, states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { describe, expect, it } from 'vitest';
import { useSession } from '../../stores/session.ts';
import { descriptionOf, textOf } from '../../test/dom.ts';
import { ana, renderScreen } from '../../test/render.tsx';
import { ForgotPasswordPage } from './forgot-password.page.tsx';
import { ResetPasswordPage } from './reset-password.page.tsx';
import { VerifyEmailPage } from './verify-email.page.tsx';

const TOKEN = 'dGhpcy1pcy1hLW1vY2stdG9rZW4tZm9yLXN0b3JpZXMtb25seQ';

describe('ForgotPasswordPage', () => {
  it('validates the email, then always shows the same confirmation', async () => {
    renderScreen(<ForgotPasswordPage />, { path: '/forgot-password', url: '/forgot-password' });
    const email = screen.getByLabelText('Email');
    await userEvent.type(email, 'not an email');
    await userEvent.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(descriptionOf(email)).toBe('Enter a valid email address.');

    await userEvent.clear(email);
    await userEvent.type(email, 'nobody@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(textOf(await screen.findByRole('status'))).toContain('If an account uses nobody@example.com, a link to reset its password is on its way.');
  });

  it('shows a server refusal (rate limit)', async () => {
    server.use(states.error('account.requestPasswordReset', 'TOO_MANY_REQUESTS', 'Too many attempts. Please wait a moment and try again.'));
    renderScreen(<ForgotPasswordPage />, { path: '/forgot-password', url: '/forgot-password' });
    await userEvent.type(screen.getByLabelText('Email'), 'ana@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send the link' }));
    await waitFor(() => expect(textOf(screen.getByRole('alert'))).toBe('Too many attempts. Please wait a moment and try again.'));
  });
});

describe('ResetPasswordPage', () => {
  const renderReset = (token = TOKEN) => renderScreen(<ResetPasswordPage />, { path: '/reset-password', url: `/reset-password?token=${token}`, session: ana });

  it('wants the same new password twice', async () => {
    renderReset();
    await userEvent.type(screen.getByLabelText('New password'), 'a new long password');
    await userEvent.type(screen.getByLabelText('Confirm the new password'), 'something else');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(descriptionOf(screen.getByLabelText('Confirm the new password'))).toBe('The two passwords do not match.');
  });

  it('sets the new password, signs this tab out and goes to /login with a confirmation', async () => {
    resetMockDb({ signedInAs: 'ana' });
    renderReset();
    await userEvent.type(screen.getByLabelText('New password'), 'a new long password');
    await userEvent.type(screen.getByLabelText('Confirm the new password'), 'a new long password');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(textOf(await screen.findByTestId('location'))).toBe('/login?notice=password_reset');
    expect(useSession.getState().status).toBe('signed-out');
    expect(db.users.find((u) => u.username === 'ana')?.password).toBe('a new long password');
  });

  it('explains an expired link', async () => {
    renderReset('expired-token');
    await userEvent.type(screen.getByLabelText('New password'), 'a new long password');
    await userEvent.type(screen.getByLabelText('Confirm the new password'), 'a new long password');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(textOf(screen.getByRole('alert'))).toContain('expired or was already used'));
  });

  it('offers a new link when the token is missing', () => {
    renderScreen(<ResetPasswordPage />, { path: '/reset-password', url: '/reset-password' });
    expect(screen.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).toBe('/forgot-password');
  });
});

describe('VerifyEmailPage', () => {
  it('verifies on arrival and updates the signed-in user', async () => {
    resetMockDb({ signedInAs: 'ana' });
    renderScreen(<VerifyEmailPage />, { path: '/verify-email', url: `/verify-email?token=${TOKEN}`, session: { ...ana, emailVerified: false } });
    expect(textOf(screen.getByRole('status'))).toBe('Verifying your email…');
    expect(textOf(await screen.findByText('ana@example.com is verified. Thank you!'))).toBeTruthy();
    expect(useSession.getState().user?.emailVerified).toBe(true);
  });

  it('offers a new link to a signed-in user when the link has expired', async () => {
    resetMockDb({ signedInAs: 'ana' });
    db.users.find((u) => u.username === 'ana')!.emailVerified = false;
    renderScreen(<VerifyEmailPage />, { path: '/verify-email', url: '/verify-email?token=expired-token', session: { ...ana, emailVerified: false } });
    expect(await screen.findByText("This link can't be used")).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Send a new link' }));
    expect(await screen.findByText('Sent. Check your inbox.')).toBeTruthy();
  });

  it('asks a signed-out visitor to log in for a new link', async () => {
    renderScreen(<VerifyEmailPage />, { path: '/verify-email', url: '/verify-email?token=expired-token' });
    expect(await screen.findByText("This link can't be used")).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Log in' }).getAttribute('href')).toBe('/login?next=%2Fverify-email');
  });
});
