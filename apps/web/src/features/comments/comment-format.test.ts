import { TRPCClientError } from '@trpc/client';
import type { NotificationEvent } from '@veza/api';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n.ts';
import { notificationToast } from '../session/notification-toast.ts';
import { bodySegments, commentRefusal, momentOf, parseMoment, timeAgo } from './comment-format.ts';

const ana = { id: 'a', username: 'ana', displayName: 'Ana Lima' };
const marc = { id: 'm', username: 'marc.dubois', displayName: 'Marc Dubois' };

/** A tRPC error as the client builds it from the server's answer. */
const apiError = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  TRPCClientError.from({ error: { message, code: -32_000, data: { code, httpStatus: 400, path: 'comments.create', fieldErrors: null, ...extra } } });

afterEach(() => setLanguage('en'));

describe('comment formats', () => {
  it('writes and reads moments', () => {
    expect(momentOf(62_000)).toBe('1:02');
    expect(momentOf(3_723_000)).toBe('1:02:03');
    expect(parseMoment('1:02')).toBe(62_000);
    expect(parseMoment(' 95 ')).toBe(95_000);
    expect(parseMoment('1:02:03')).toBe(3_723_000);
    for (const bad of ['', 'soon', '1:60', '1:2:3:4', '-1', '1.5', '1:']) expect(parseMoment(bad)).toBeNull();
  });

  it('links the mentions the API resolved, and only those, leaving trailing punctuation as text', () => {
    expect(bodySegments('Hi @ana. And @nobody, @marc.dubois!', [ana, marc])).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'mention', text: '@ana', user: ana },
      { kind: 'text', text: '. And @nobody, ' },
      { kind: 'mention', text: '@marc.dubois', user: marc },
      { kind: 'text', text: '!' },
    ]);
    expect(bodySegments('mail ana@example.com', [ana])).toEqual([{ kind: 'text', text: 'mail ana@example.com' }]);
    expect(bodySegments('@ANA', [ana])).toEqual([{ kind: 'mention', text: '@ANA', user: ana }]);
    expect(bodySegments('no one', [])).toEqual([{ kind: 'text', text: 'no one' }]);
  });

  it('says how long ago in the reader language', () => {
    const now = Date.parse('2026-12-10T12:00:00Z');
    expect(timeAgo('2026-12-10T10:00:00Z', 'en', now)).toBe('2 hours ago');
    expect(timeAgo('2026-12-09T12:00:00Z', 'fr', now)).toBe('hier');
    expect(timeAgo('2026-12-10T11:59:50Z', 'en', now)).toBe('now');
  });

  it("gives the API's reason in English and translates it by reason in French", () => {
    const off = apiError('FORBIDDEN', 'Comments are turned off for this track.', { reason: 'comments_off' });
    const pastEnd = apiError('BAD_REQUEST', 'This moment is past the end of the track.', { reason: 'past_end' });
    const tooLong = apiError('BAD_REQUEST', 'Invalid input', { fieldErrors: { body: ['Comments must be at most 1,000 characters.'] } });
    const blocked = apiError('FORBIDDEN', 'You cannot comment here.', { reason: 'blocked' });
    const t = i18next.t.bind(i18next);
    expect([off, pastEnd, tooLong, blocked].map((e) => commentRefusal(e, t, 'en'))).toEqual([
      'Comments are turned off for this track.',
      'This moment is past the end of the track.',
      'Comments must be at most 1,000 characters.',
      'You cannot comment here.',
    ]);
    setLanguage('fr');
    expect([off, pastEnd, tooLong, blocked].map((e) => commentRefusal(e, i18next.t.bind(i18next), 'fr'))).toEqual([
      'Les commentaires sont désactivés pour ce morceau.',
      'Ce moment est après la fin du morceau.',
      'Un commentaire peut compter 1 000 caractères au maximum.',
      'Vous ne pouvez pas commenter ici.',
    ]);
  });
});

describe('comment notifications', () => {
  const event = (on: 'my_track' | 'my_comment' | 'mention'): NotificationEvent => ({
    type: 'comment.new',
    id: '41',
    createdAt: '2026-12-10T12:00:00.000Z',
    actor: ana,
    track: { id: 't', title: 'Night Drive' },
    commentId: 'c',
    atMs: 62_000,
    excerpt: 'That drop!',
    on,
  });

  it('names who, which track and where, with the start of the comment, in both languages', () => {
    expect(notificationToast('41', event('my_track'))).toEqual({ id: 'notification-41', title: 'ana commented on “Night Drive” at 1:02', description: 'That drop!', tone: 'info' });
    expect(notificationToast('41', event('my_comment')).title).toBe('ana replied to your comment on “Night Drive”');
    expect(notificationToast('41', event('mention')).title).toBe('ana mentioned you in a comment on “Night Drive”');
    setLanguage('fr');
    expect(notificationToast('41', event('my_track')).title).toBe('ana a commenté « Night Drive » à 1:02');
    expect(notificationToast('41', event('my_comment')).title).toBe('ana a répondu à votre commentaire sur « Night Drive »');
    expect(notificationToast('41', event('mention')).title).toBe('ana vous a mentionné dans un commentaire sur « Night Drive »');
  });
});
