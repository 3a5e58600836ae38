import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n.ts';
import { textOf } from '../../test/dom.ts';
import { renderScreen } from '../../test/render.tsx';
import { SignupPage } from './signup.page.tsx';

const renderSignup = (language: 'en' | 'fr' = 'en') => renderScreen(<SignupPage />, { path: '/signup', url: '/signup', language });
const status = () => screen.getByRole('status');

describe('sign-up username availability', () => {
  afterEach(() => {
    initI18n('en');
  });

  it('says a free name is available once typing pauses', async () => {
    renderSignup();
    await userEvent.type(screen.getByLabelText('Username'), 'zoe.k');
    expect(await screen.findByText('@zoe.k is available.')).toBeTruthy();
  });

  it("gives the server's reason for a taken, reserved or look-alike name", async () => {
    renderSignup();
    const field = screen.getByLabelText('Username');
    await userEvent.type(field, 'ana');
    expect(await screen.findByText('This username is already taken.')).toBeTruthy();
    await userEvent.clear(field);
    await userEvent.type(field, 'admin');
    expect(await screen.findByText('This username is reserved.')).toBeTruthy();
    expect(textOf(status())).toBe('This username is reserved.');
  });

  it('does not ask about names the form itself rejects', async () => {
    renderSignup();
    await userEvent.type(screen.getByLabelText('Username'), 'a!');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(textOf(status())).toBe('');
  });

  it('translates the reason in French', async () => {
    renderSignup('fr');
    await userEvent.type(screen.getByLabelText("Nom d'utilisateur"), 'admin');
    expect(await screen.findByText("Ce nom d'utilisateur est réservé.")).toBeTruthy();
  });
});
