// The live notification of a playlist invitation: who invited me to which playlist, with a link to it, in both languages.
import { screen } from '@testing-library/react';
import type { NotificationEvent } from '@veza/api';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../i18n.ts';
import { pushToast } from '../../stores/toasts.ts';
import { renderScreen } from '../../test/render.tsx';
import { notificationToast } from '../session/notification-toast.ts';

const invite: NotificationEvent = {
  type: 'playlist.invite',
  id: '31',
  createdAt: '2026-12-07T08:00:00.000Z',
  actor: { id: 'u1', username: 'ana', displayName: 'Ana Lima' },
  playlist: { id: '7a000000-0000-4000-8000-000000000001', title: 'Late night drives' },
};

describe('notificationToast for a playlist invitation', () => {
  afterEach(() => initI18n('en'));

  it('names who invited me and the playlist, and links to it', () => {
    expect(notificationToast('31', invite)).toEqual({
      id: 'notification-31',
      title: 'ana invited you to edit “Late night drives”',
      link: { href: '/playlists/7a000000-0000-4000-8000-000000000001', label: 'Open the playlist' },
      tone: 'info',
    });
    setLanguage('fr');
    expect(notificationToast('31', invite).title).toBe('ana vous invite à modifier « Late night drives »');
  });

  it('shows the link in the toast, followed inside the app', async () => {
    renderScreen(<p>page</p>);
    pushToast(notificationToast('31', invite));
    const link = await screen.findByRole('link', { name: 'Open the playlist' });
    expect(link.getAttribute('href')).toBe('/playlists/7a000000-0000-4000-8000-000000000001');
  });
});
