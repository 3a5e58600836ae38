import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { NotificationEvent } from '@veza/api';
import { db, fixtures, resetMockDb, socialMock } from '@veza/mocks';
import { describe, expect, it } from 'vitest';
import { ProfilePage } from '../../pages/profile/profile.page.tsx';
import { TrackPage } from '../../pages/track/track.page.tsx';
import type { SessionUser } from '../../stores/session.ts';
import { textOf } from '../../test/dom.ts';
import { ana, lea, marc, renderScreen } from '../../test/render.tsx';
import { useNotificationHandler } from './notification-listener.tsx';

const NIGHT_DRIVE = fixtures.tracks[0]!; // by ana, 42 likes

const NIGHT_DRIVE_LIKED_BY_LEA: NotificationEvent = {
  type: 'track.liked',
  id: '7',
  createdAt: '2026-12-06T08:00:00.000Z',
  actor: { id: lea.id, username: lea.username, displayName: lea.displayName },
  track: { id: NIGHT_DRIVE.id, title: NIGHT_DRIVE.title },
};

/** Stands in for the subscription: delivers the event to the handler the listener calls for each one. */
function Deliverer({ event }: { event: NotificationEvent }) {
  const onNotification = useNotificationHandler();
  return <button type="button" onClick={() => onNotification(event.id, event)}>Deliver</button>;
}

describe('live notifications', () => {
  it("updates the owner's open track page when someone likes the track, with the toast", async () => {
    resetMockDb({ signedInAs: ana.username });
    renderScreen(
      <>
        <TrackPage />
        <Deliverer event={NIGHT_DRIVE_LIKED_BY_LEA} />
      </>,
      { path: '/tracks/:id', url: `/tracks/${NIGHT_DRIVE.id}`, session: ana },
    );
    const like = await screen.findByRole('button', { name: /^Like/ });
    expect(textOf(like)).toContain('42');

    // Léa likes it elsewhere: the server has the new count, the owner's page has the old one until told.
    const track = db.tracks.find((t) => t.id === NIGHT_DRIVE.id)!;
    db.likes.add(`${lea.id}:${track.id}`);
    track.likeCount += 1;
    await userEvent.click(screen.getByRole('button', { name: 'Deliver' }));

    expect(await screen.findByText('lea_m liked “Night Drive”')).toBeTruthy();
    await waitFor(() => expect(textOf(like)).toContain('43'));
    // The owner has not liked it themselves.
    expect(like.getAttribute('aria-pressed')).toBe('false');
  });

  it("loads a private profile's tracks once my request is accepted", async () => {
    resetMockDb({ signedInAs: lea.username });
    const ines = fixtures.ines;
    const accepted: NotificationEvent = { type: 'follow.accepted', id: '30', createdAt: '2026-12-07T08:00:00.000Z', actor: { id: ines.id, username: ines.username, displayName: ines.displayName } };
    renderScreen(
      <>
        <ProfilePage />
        <Deliverer event={accepted} />
      </>,
      { path: '/u/:username', url: '/u/ines', session: lea },
    );
    expect(await screen.findByText('Your request to follow @ines is waiting for their approval.')).toBeTruthy();

    socialMock.approve('ines', 'lea_m');
    await userEvent.click(screen.getByRole('button', { name: 'Deliver' }));
    expect(await screen.findByText('ines accepted your follow request')).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Tracks by Inès Morel' });
    expect(within(list).getAllByRole('heading', { level: 3 }).map(textOf)).toEqual(['Salle vide']);
    expect(screen.getByRole('button', { name: 'Follow Inès Morel' }).textContent).toBe('Following');
  });

  it('shows a new request on my open profile, with the toast', async () => {
    const ines: SessionUser = (({ password: _p, ...me }) => me)(fixtures.ines);
    resetMockDb({ signedInAs: ines.username });
    const request: NotificationEvent = { type: 'follow.request', id: '31', createdAt: '2026-12-07T08:00:00.000Z', actor: { id: marc.id, username: marc.username, displayName: marc.displayName } };
    renderScreen(
      <>
        <ProfilePage />
        <Deliverer event={request} />
      </>,
      { path: '/u/:username', url: '/u/ines', session: ines },
    );
    expect(await screen.findByRole('link', { name: 'Follow requests (1)' })).toBeTruthy();

    socialMock.ask('marc.dubois', 'ines');
    await userEvent.click(screen.getByRole('button', { name: 'Deliver' }));
    expect(await screen.findByText('marc.dubois asks to follow you')).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Follow requests (2)' })).toBeTruthy();
  });

  it('counts a new follower on my open profile, with the toast', async () => {
    resetMockDb({ signedInAs: ana.username });
    const follow: NotificationEvent = { type: 'follow.new', id: '32', createdAt: '2026-12-07T08:00:00.000Z', actor: { id: lea.id, username: lea.username, displayName: lea.displayName } };
    renderScreen(
      <>
        <ProfilePage />
        <Deliverer event={follow} />
      </>,
      { path: '/u/:username', url: '/u/ana', session: ana },
    );
    expect(await screen.findByRole('link', { name: '1 follower' })).toBeTruthy();

    db.follows.push({ followerId: lea.id, followeeId: ana.id, at: '2026-12-07T08:00:00.000Z', status: 'active' });
    await userEvent.click(screen.getByRole('button', { name: 'Deliver' }));
    expect(await screen.findByText('lea_m followed you')).toBeTruthy();
    expect(await screen.findByRole('link', { name: '2 followers' })).toBeTruthy();
  });
});
