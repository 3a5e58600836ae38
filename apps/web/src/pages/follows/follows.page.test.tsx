import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { db, fixtures, resetMockDb, states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../stores/session.ts';
import { textOf } from '../../test/dom.ts';
import { ana, renderScreen } from '../../test/render.tsx';
import { FollowersPage, FollowingPage } from './follows.page.tsx';

function renderList(side: 'followers' | 'following', username: string, session: SessionUser | null = null) {
  if (session) resetMockDb({ signedInAs: session.username });
  const Page = side === 'followers' ? FollowersPage : FollowingPage;
  return renderScreen(<Page />, { path: `/u/:username/${side}`, url: `/u/${username}/${side}`, session });
}

describe('FollowsPage', () => {
  it("lists a person's followers, says who follows me, and follows from the list", async () => {
    renderList('followers', 'ana', ana);
    const list = await screen.findByRole('list', { name: "Ana Lima's followers" });
    const marc = within(list).getByRole('listitem');
    expect(textOf(marc)).toContain('Marc Dubois@marc.duboisFollows you');
    const button = within(marc).getByRole('button', { name: 'Follow Marc Dubois' });
    await userEvent.click(button);
    await waitFor(() => expect(within(marc).getByRole('button', { name: 'Follow Marc Dubois' }).getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByRole('link', { name: '1 follower' }).getAttribute('aria-current')).toBe('page');
  });

  it("lists the people someone follows, and says so when there is nobody", async () => {
    renderList('following', 'marc.dubois');
    const list = await screen.findByRole('list', { name: 'People Marc Dubois follows' });
    expect(within(list).getAllByRole('link').map(textOf)).toEqual(['Ana Lima', 'Follow']);
  });

  it('says when nobody follows them yet', async () => {
    renderList('followers', 'marc.dubois');
    expect(await screen.findByText('Nobody follows Marc Dubois yet.')).toBeTruthy();
    expect(screen.getByRole('link', { name: '1 following' }).getAttribute('href')).toBe('/u/marc.dubois/following');
  });

  it('says when the person does not exist', async () => {
    renderList('followers', 'nobody');
    expect(await screen.findByRole('heading', { level: 1, name: 'This user does not exist' })).toBeTruthy();
  });

  it('offers to try again when the list fails', async () => {
    server.use(states.error('social.followers'));
    renderList('followers', 'ana');
    expect(await screen.findByRole('heading', { level: 1, name: 'These people could not be loaded' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it("says a private profile's lists are for its approved followers", async () => {
    renderList('followers', 'ines', ana);
    expect(await screen.findByRole('heading', { level: 1, name: "Inès Morel's followers" })).toBeTruthy();
    expect(screen.getByText('This account is private')).toBeTruthy();
    expect(screen.getByText('Follow @ines to see who they follow and who follows them.')).toBeTruthy();
  });

  it('asks to follow a private person from a list: « Requested »', async () => {
    resetMockDb({ signedInAs: 'ana' });
    db.follows.push({ followerId: fixtures.ines.id, followeeId: fixtures.marc.id, at: '2026-12-01T10:00:00.000Z', status: 'active' });
    renderScreen(<FollowersPage />, { path: '/u/:username/followers', url: '/u/marc.dubois/followers', session: ana });
    const list = await screen.findByRole('list', { name: "Marc Dubois's followers" });
    const button = within(list).getByRole('button', { name: 'Follow Inès Morel' });
    await userEvent.click(button);
    await waitFor(() => expect(button.textContent).toBe('Requested'));
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.getAttribute('title')).toBe('Cancel your request to follow Inès Morel');
  });
});
