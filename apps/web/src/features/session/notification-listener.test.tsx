import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { NotificationEvent } from '@veza/api';
import { db, fixtures, resetMockDb } from '@veza/mocks';
import { describe, expect, it } from 'vitest';
import { TrackPage } from '../../pages/track/track.page.tsx';
import { textOf } from '../../test/dom.ts';
import { ana, lea, renderScreen } from '../../test/render.tsx';
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
});
