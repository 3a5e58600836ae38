import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n.ts';
import { useSession } from '../../stores/session.ts';
import { descriptionOf, textOf } from '../../test/dom.ts';
import { renderScreen } from '../../test/render.tsx';
import { SignupPage } from './signup.page.tsx';

const renderSignup = (language: 'en' | 'fr' = 'en') => renderScreen(<SignupPage />, { path: '/signup', url: '/signup', language });

async function fill(labels: { email: string; username: string; password: string }, values: { email: string; username: string; password: string }) {
  await userEvent.type(screen.getByLabelText(labels.email), values.email);
  await userEvent.type(screen.getByLabelText(labels.username), values.username);
  await userEvent.type(screen.getByLabelText(labels.password), values.password);
}

const EN = { email: 'Email', username: 'Username', password: 'Password' };

describe('SignupPage', () => {
  afterEach(() => {
    initI18n('en');
  });

  it('checks every field on the client with the shared schema', async () => {
    renderSignup();
    await fill(EN, { email: 'not-an-email', username: 'a', password: 'short' });
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(descriptionOf(screen.getByLabelText('Email'))).toBe('Enter a valid email address.');
    expect(descriptionOf(screen.getByLabelText('Username'))).toMatch(/^Username must be at least 3 characters\./);
    expect(descriptionOf(screen.getByLabelText('Password'))).toMatch(/^Password must be at least 8 characters\./);
  });

  it('shows the server fieldErrors beside the fields (username taken)', async () => {
    renderSignup();
    await fill(EN, { email: 'new@example.com', username: 'taken', password: 'long enough password' });
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));

    await waitFor(() => expect(descriptionOf(screen.getByLabelText('Username'))).toMatch(/^This username is already taken\./));
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBeNull();
    // Said once, beside the field: the alert does not repeat it.
    expect(textOf(screen.getByRole('alert'))).toBe('');
    expect(screen.getAllByText('This username is already taken.')).toHaveLength(1);
  });

  it('drops "already taken" as soon as the username changes', async () => {
    renderSignup();
    await fill(EN, { email: 'new@example.com', username: 'taken', password: 'long enough password' });
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(descriptionOf(screen.getByLabelText('Username'))).toMatch(/already taken/));

    await userEvent.type(screen.getByLabelText('Username'), '2');
    expect(screen.queryByText(/already taken/)).toBeNull();
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBeNull();
    expect(textOf(screen.getByRole('alert'))).toBe('');
  });

  it('checks the username rule when the field is left, as the server would', async () => {
    renderSignup();
    const username = screen.getByLabelText('Username');
    await userEvent.type(username, 'ma ya!');
    expect(username.getAttribute('aria-invalid')).toBeNull();
    await userEvent.tab();
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(username)).toMatch(/^Use letters, digits, dots, dashes or underscores, starting with a letter or digit\./);
    // Editing clears it; a valid name left the field is fine.
    await userEvent.clear(username);
    expect(username.getAttribute('aria-invalid')).toBeNull();
    await userEvent.type(username, 'maya');
    await userEvent.tab();
    expect(username.getAttribute('aria-invalid')).toBeNull();
  });

  it('says the username rule in French on blur', async () => {
    renderSignup('fr');
    const username = screen.getByLabelText("Nom d'utilisateur");
    await userEvent.type(username, 'ma ya!');
    await userEvent.tab();
    expect(descriptionOf(username)).toMatch(/^Utilisez des lettres, chiffres, points, tirets ou tirets bas/);
  });

  it('translates client and server messages in French', async () => {
    renderSignup('fr');
    const FR = { email: 'E-mail', username: "Nom d'utilisateur", password: 'Mot de passe' };
    await fill(FR, { email: 'ana@example.com', username: 'x', password: 'long enough password' });
    await userEvent.click(screen.getByRole('button', { name: 'Créer mon compte' }));
    expect(descriptionOf(screen.getByLabelText(FR.username))).toMatch(/^Le nom d'utilisateur doit comporter au moins 3 caractères\./);

    await userEvent.type(screen.getByLabelText(FR.username), 'yz');
    await userEvent.click(screen.getByRole('button', { name: 'Créer mon compte' }));
    await waitFor(() => expect(descriptionOf(screen.getByLabelText(FR.email))).toBe('Un compte existe déjà avec cette adresse e-mail.'));
  });

  it('creates the account and signs in', async () => {
    renderSignup();
    await fill(EN, { email: 'zoe@example.com', username: 'Zoe', password: 'long enough password' });
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(textOf(await screen.findByTestId('location'))).toBe('/');
    expect(useSession.getState()).toMatchObject({ status: 'signed-in', user: { username: 'zoe', email: 'zoe@example.com' } });
  });
});
