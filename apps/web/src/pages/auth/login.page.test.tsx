import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { describe, expect, it } from 'vitest';
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
