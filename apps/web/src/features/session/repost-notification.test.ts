// The toast of a repost of my track (issue 11), in both languages.
import type { TrackLikedEvent } from '@veza/api';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../i18n.ts';
import { notificationToast } from './notification-toast.ts';

const reposted: TrackLikedEvent = {
  type: 'track.reposted',
  id: '21',
  createdAt: '2026-12-07T08:00:00.000Z',
  actor: { id: 'u1', username: 'ana', displayName: 'Ana Lima' },
  track: { id: 't1', title: 'Night Drive' },
};

describe('notificationToast for reposts', () => {
  afterEach(() => initI18n('en'));

  it('says who reposted which track (not "liked")', () => {
    expect(notificationToast('21', reposted)).toEqual({ id: 'notification-21', title: 'ana reposted “Night Drive”', tone: 'success' });
    expect(notificationToast('22', { ...reposted, type: 'track.liked' }).title).toBe('ana liked “Night Drive”');
    setLanguage('fr');
    expect(notificationToast('21', reposted).title).toBe('ana a republié « Night Drive »');
  });
});
