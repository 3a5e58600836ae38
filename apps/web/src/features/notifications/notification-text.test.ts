// How a notification group reads in the centre, in both languages: one person or "ana and 12 others" (with the
// French verb agreeing), each kind of target, and the second line.
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../i18n.ts';
import { excerptOf, headlineOf, type NotificationGroup } from './notification-text.ts';
import { badgeText } from './use-unread.ts';

const ana = { id: 'u1', username: 'ana', displayName: 'Ana Lima' };
const lea = { id: 'u2', username: 'lea_m', displayName: null };
const group = (extra: Partial<NotificationGroup>): NotificationGroup => ({
  id: '1',
  seq: '1',
  type: 'track.liked',
  kind: 'likes',
  actors: [ana],
  actorCount: 1,
  read: false,
  createdAt: '2026-12-07T10:00:00.000Z',
  updatedAt: '2026-12-07T10:00:00.000Z',
  target: { type: 'track', trackId: 't1', title: 'Night Drive' },
  url: '/tracks/t1',
  detail: null,
  ...extra,
});
const t = () => i18next.t.bind(i18next);

describe('headlineOf', () => {
  afterEach(() => initI18n('en'));

  it('names one person, or the latest and how many others, in English and French', async () => {
    expect(headlineOf(t(), group({}))).toBe('Ana Lima liked “Night Drive”');
    expect(headlineOf(t(), group({ actors: [ana, lea], actorCount: 2 }))).toBe('Ana Lima and 1 other liked “Night Drive”');
    expect(headlineOf(t(), group({ actors: [lea, ana], actorCount: 13 }))).toBe('lea_m and 12 others liked “Night Drive”');
    await setLanguage('fr');
    expect(headlineOf(t(), group({}))).toBe('Ana Lima a aimé « Night Drive »');
    expect(headlineOf(t(), group({ actors: [ana, lea], actorCount: 13 }))).toBe('Ana Lima et 12 autres personnes ont aimé « Night Drive »');
  });

  it('reads each kind of target', () => {
    const comment = group({ type: 'comment.new', kind: 'comments', target: { type: 'comment', trackId: 't1', trackTitle: 'Night Drive', commentId: 'c1', atMs: 3000, on: 'my_comment', excerpt: 'So good' } });
    expect(headlineOf(t(), comment)).toBe('Ana Lima replied to your comment on “Night Drive”');
    expect(excerptOf(comment)).toBe('So good');
    expect(headlineOf(t(), group({ type: 'chat.mention', kind: 'mentions', target: { type: 'chat', roomId: 'r1', roomName: 'Synth heads', messageId: 'm1', seq: 3, excerpt: '' } }))).toBe('Ana Lima mentioned you in Synth heads');
    expect(headlineOf(t(), group({ type: 'follow.accepted', kind: 'follows', target: { type: 'profile', username: 'ana' } }))).toBe('Ana Lima accepted your follow request');
    expect(headlineOf(t(), group({ type: 'playlist.invite', kind: 'invites', target: { type: 'playlist', playlistId: 'p1', title: 'Sunday' } }))).toBe('Ana Lima invited you to edit the playlist “Sunday”');
    const failed = group({ type: 'track.failed', kind: 'processing', actors: [], actorCount: 0, detail: 'Unsupported audio format.' });
    expect(headlineOf(t(), failed)).toBe('“Night Drive” could not be processed');
    expect(excerptOf(failed)).toBe('Unsupported audio format.');
    expect(headlineOf(t(), group({ type: 'security.notice', kind: 'security', actors: [], actorCount: 0, target: { type: 'security', change: 'password' } }))).toBe('A security setting of your account changed');
  });

  it('reads a sign-in from a new device as such, in English and French', async () => {
    const newSignIn = group({ type: 'security.notice', kind: 'security', actors: [], actorCount: 0, target: { type: 'security', change: 'new_sign_in' }, url: '/settings/security' });
    expect(headlineOf(t(), newSignIn)).toBe('New sign-in to your account from a new device');
    expect(excerptOf(newSignIn)).toBeNull();
    await setLanguage('fr');
    expect(headlineOf(t(), newSignIn)).toBe('Nouvelle connexion à votre compte depuis un nouvel appareil');
    expect(headlineOf(t(), group({ type: 'security.notice', kind: 'security', actors: [], actorCount: 0, target: { type: 'security', change: 'password' } }))).toBe('Un paramètre de sécurité de votre compte a changé');
  });
});

describe('badgeText', () => {
  it('shows the count up to 99, then 99+', () => {
    expect(badgeText(7)).toBe('7');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
});
