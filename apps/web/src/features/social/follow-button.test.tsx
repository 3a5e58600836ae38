import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { chatMock, db, fixtures, resetMockDb } from '@veza/mocks';
import { describe, expect, it } from 'vitest';
import { ProfilePage } from '../../pages/profile/profile.page.tsx';
import type { Language } from '../../i18n.ts';
import type { SessionUser } from '../../stores/session.ts';
import { textOf } from '../../test/dom.ts';
import { ana, lea, renderScreen } from '../../test/render.tsx';

/** Marc's profile (he follows Ana in the mock data), as `session` sees it. */
async function marcsProfile(session: SessionUser | null, language: Language = 'en') {
  if (session) resetMockDb({ signedInAs: session.username });
  renderScreen(<ProfilePage />, { path: '/u/:username', url: '/u/marc.dubois', session, language });
  return (await screen.findByRole('heading', { level: 1 })).closest('header')!;
}

/** Inès's private profile, as `session` sees it. */
async function inesProfile(session: SessionUser, language: Language = 'en') {
  resetMockDb({ signedInAs: session.username });
  renderScreen(<ProfilePage />, { path: '/u/:username', url: '/u/ines', session, language });
  return (await screen.findByRole('heading', { level: 1 })).closest('header')!;
}

describe('FollowButton on a profile', () => {
  it('follows and unfollows, as a toggle, with the counts updated in place', async () => {
    const header = await marcsProfile(ana);
    const counts = () => textOf(header.querySelector('.vw-profile__counts')!);
    expect(counts()).toBe('0 followers · 1 following · 3 tracks · 1 likeFollows you');
    const button = within(header).getByRole('button', { name: 'Follow Marc Dubois' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(button.textContent).toBe('Follow');
    await userEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('true'));
    expect(button.textContent).toBe('Following');
    expect(counts()).toBe('1 follower · 1 following · 3 tracks · 1 likeFollows you');
    await userEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('false'));
    expect(counts()).toMatch(/^0 followers/);
  });

  it('says why when a block stands between us, and stays unfollowed', async () => {
    const header = await marcsProfile(ana);
    chatMock.block('ana', 'marc.dubois');
    await userEvent.click(within(header).getByRole('button', { name: 'Follow Marc Dubois' }));
    expect(await screen.findByText('You blocked @marc.dubois: unblock them first.')).toBeTruthy();
    expect(within(header).getByRole('button', { name: 'Follow Marc Dubois' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('is a link to sign in for visitors, and not there on my own profile', async () => {
    const header = await marcsProfile(null);
    expect(within(header).getByRole('link', { name: 'Follow Marc Dubois' }).getAttribute('href')).toBe('/login?next=%2Fu%2Fmarc.dubois');
    cleanup();
    resetMockDb({ signedInAs: 'ana' });
    renderScreen(<ProfilePage />, { path: '/u/:username', url: '/u/ana', session: ana });
    await screen.findByRole('button', { name: 'Edit profile' });
    expect(screen.queryByRole('button', { name: /^Follow/ })).toBeNull();
    expect(screen.getByText('1 follower')).toBeTruthy();
  });

  it('speaks French', async () => {
    const header = await marcsProfile(ana, 'fr');
    chatMock.block('marc.dubois', 'ana');
    const button = within(header).getByRole('button', { name: 'Suivre Marc Dubois' });
    expect(textOf(header.querySelector('.vw-profile__counts')!)).toBe("0 abonné · 1 abonnement · 3 morceaux · 1 j'aimeVous suit");
    await userEvent.click(button);
    expect(await screen.findByText('Vous ne pouvez pas suivre @marc.dubois.')).toBeTruthy();
  });

  it('asks to follow a private profile: « Requested », pressed, whose click withdraws the request', async () => {
    const header = await inesProfile(ana);
    const button = within(header).getByRole('button', { name: 'Follow Inès Morel' });
    expect(button.getAttribute('title')).toBe('Ask to follow Inès Morel: their account is private');
    expect(await screen.findByText('Follow @ines to hear their tracks.')).toBeTruthy();
    await userEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('true'));
    expect(button.textContent).toBe('Requested');
    expect(button.getAttribute('title')).toBe('Cancel your request to follow Inès Morel');
    // Still locked: a request is not a follow.
    expect(screen.getByText('Your request to follow @ines is waiting for their approval.')).toBeTruthy();
    expect(textOf(header.querySelector('.vw-profile__counts')!)).toBe('0 followers · 0 following · 1 track · 0 likes');

    await userEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('false'));
    expect(button.textContent).toBe('Follow');
    expect(screen.getByText('Follow @ines to hear their tracks.')).toBeTruthy();
  });

  it('shows the request already sent, and withdraws it', async () => {
    const header = await inesProfile(lea);
    const button = within(header).getByRole('button', { name: 'Follow Inès Morel' });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.textContent).toBe('Requested');
    await userEvent.click(button);
    await waitFor(() => expect(button.textContent).toBe('Follow'));
    expect(db.follows.some((f) => f.followeeId === fixtures.ines.id)).toBe(false);
  });

  it('loads the tracks at once when the answer unlocks the profile (turned public meanwhile: followed straight away)', async () => {
    const header = await inesProfile(ana);
    db.users.find((u) => u.username === 'ines')!.isPrivate = false;
    await userEvent.click(within(header).getByRole('button', { name: 'Follow Inès Morel' }));
    const list = await screen.findByRole('list', { name: 'Tracks by Inès Morel' });
    expect(within(list).getAllByRole('heading', { level: 3 }).map(textOf)).toEqual(['Salle vide']);
    expect(within(header).getByRole('button', { name: 'Follow Inès Morel' }).textContent).toBe('Following');
    expect(screen.queryByText('This account is private')).toBeNull();
  });

  it('speaks French on a private profile', async () => {
    const header = await inesProfile(lea, 'fr');
    const button = within(header).getByRole('button', { name: 'Suivre Inès Morel' });
    expect(button.textContent).toBe('Demande envoyée');
    expect(button.getAttribute('title')).toBe('Annuler votre demande pour suivre Inès Morel');
    expect(screen.getByText('Votre demande pour suivre @ines attend son accord.')).toBeTruthy();
    await userEvent.click(button);
    await waitFor(() => expect(button.textContent).toBe('Suivre'));
    expect(screen.getByText('Suivez @ines pour écouter ses morceaux.')).toBeTruthy();
  });
});
