import type { QueryClient } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { db, fixtures, resetMockDb, socialMock, states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createQueryClient } from '../../api-provider.tsx';
import type { Language } from '../../i18n.ts';
import type { SessionUser } from '../../stores/session.ts';
import { textOf } from '../../test/dom.ts';
import { ana, renderScreen } from '../../test/render.tsx';
import { FollowRequestsPage } from './follow-requests.page.tsx';

const ines: SessionUser = (({ password: _p, ...me }) => me)(fixtures.ines);

let queryClient: QueryClient | null = null;

/** The page as `session`, on a mock db set up by `prepare` (after its reset). */
function renderRequests(session: SessionUser = ines, language: Language = 'en', prepare?: () => void) {
  resetMockDb({ signedInAs: session.username });
  prepare?.();
  queryClient = createQueryClient({ retry: false });
  return renderScreen(<FollowRequestsPage />, { path: '/follow-requests', url: '/follow-requests', session, language, queryClient });
}

// An answered request leaves the list before its refetch ends: let that end before the mock server goes.
afterEach(async () => {
  const client = queryClient;
  queryClient = null;
  if (client) await waitFor(() => expect(client.isFetching()).toBe(0));
});

describe('FollowRequestsPage', () => {
  it('lists who asks to follow me, newest first, and approves one: it leaves the list, focus goes to the next', async () => {
    renderRequests(ines, 'en', () => socialMock.ask('marc.dubois', 'ines', '2026-12-05T09:00:00.000Z'));
    const list = await screen.findByRole('list', { name: 'Follow requests' });
    expect(screen.getByText('2 people ask to follow you.')).toBeTruthy();
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => within(row).getAllByRole('link')[0]!.textContent)).toEqual(['Marc Dubois', 'lea_m']);
    expect(textOf(rows[0]!)).toMatch(/Marc Dubois@marc\.duboisasked /);
    expect(rows[0]!.querySelector('time')!.getAttribute('datetime')).toBe('2026-12-05T09:00:00.000Z');
    expect(within(rows[0]!).getByRole('link', { name: 'Marc Dubois' }).getAttribute('href')).toBe('/u/marc.dubois');

    await userEvent.click(within(rows[0]!).getByRole('button', { name: "Approve Marc Dubois's request" }));
    expect(await screen.findByText('Marc Dubois now follows you.')).toBeTruthy();
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(screen.getByText('1 person asks to follow you.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: "Approve lea_m's request" }));
    expect(db.follows.find((f) => f.followerId === fixtures.marc.id && f.followeeId === fixtures.ines.id)?.status).toBe('active');
  });

  it('declines the last one, and says there is none left', async () => {
    renderRequests();
    await userEvent.click(await screen.findByRole('button', { name: "Decline lea_m's request" }));
    expect(await screen.findByText("You declined lea_m's request.")).toBeTruthy();
    expect(await screen.findByText('No follow requests')).toBeTruthy();
    expect(screen.getByText('When someone asks to follow you, they show here.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Follow requests' }));
    expect(db.follows.some((f) => f.followeeId === fixtures.ines.id)).toBe(false);
  });

  it('says when a request was withdrawn meanwhile, and shows the list as it is now', async () => {
    renderRequests();
    const approve = await screen.findByRole('button', { name: "Approve lea_m's request" });
    db.follows = db.follows.filter((f) => f.followeeId !== fixtures.ines.id);
    await userEvent.click(approve);
    expect(await screen.findByText('@lea_m has no follow request waiting for you.')).toBeTruthy();
    expect(await screen.findByText('No follow requests')).toBeTruthy();
  });

  it('is empty for a public account, and says why', async () => {
    renderRequests(ana);
    expect(await screen.findByText('No follow requests')).toBeTruthy();
    expect(screen.getByText(/Your account is public: anyone can follow you without asking/)).toBeTruthy();
  });

  it('loads 20 at a time', async () => {
    renderRequests(ines, 'en', () => socialMock.askMany('ines', 25));
    const list = await screen.findByRole('list', { name: 'Follow requests' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(20);
    expect(screen.getByText('26 people ask to follow you.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(26));
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('offers to try again when the list fails', async () => {
    server.use(states.error('social.requests'));
    renderRequests();
    expect(await screen.findByText('Follow requests could not be loaded')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('speaks French', async () => {
    renderRequests(ines, 'fr');
    expect(await screen.findByRole('heading', { level: 1, name: "Demandes d'abonnement" })).toBeTruthy();
    expect(screen.getByText('1 personne demande à vous suivre.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Accepter la demande de lea_m' }));
    expect(await screen.findByText('lea_m vous suit désormais.')).toBeTruthy();
    expect(await screen.findByText("Aucune demande d'abonnement")).toBeTruthy();
  });
});
