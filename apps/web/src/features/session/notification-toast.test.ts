// The toast of a chat mention: who, where, and the start of the message, in both languages; those about following.
import type { ChatMentionEvent, NotificationEvent } from '@veza/api';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../i18n.ts';
import { notificationToast } from './notification-toast.ts';

const mention: ChatMentionEvent = {
  type: 'chat.mention',
  id: '12',
  createdAt: '2026-12-06T08:00:00.000Z',
  actor: { id: 'u1', username: 'ana', displayName: 'Ana Lima' },
  roomId: 'r1',
  roomName: 'Synth heads',
  messageId: '99',
  seq: 4,
  excerpt: '@lea the mix is ready',
};

describe('notificationToast for chat mentions', () => {
  afterEach(() => initI18n('en'));

  it('names the author and the room, with the excerpt as description', () => {
    expect(notificationToast('12', mention)).toEqual({ id: 'notification-12', title: 'ana mentioned you in Synth heads', description: '@lea the mix is ready', tone: 'info' });
    setLanguage('fr');
    expect(notificationToast('12', mention).title).toBe('Mention de ana dans Synth heads');
  });

  it('in a direct conversation (no room name), names the author only; a deleted message has no description', () => {
    const direct = { ...mention, roomName: null, excerpt: '' };
    expect(notificationToast('13', direct)).toEqual({ id: 'notification-13', title: 'ana mentioned you', tone: 'info' });
    setLanguage('fr');
    expect(notificationToast('13', direct).title).toBe('Mention de ana');
  });
});

type FollowEvent = Extract<NotificationEvent, { type: `follow.${string}` }>;
const followEvent = (type: FollowEvent['type'], id: string): FollowEvent => ({ type, id, createdAt: '2026-12-07T08:00:00.000Z', actor: { id: 'u1', username: 'ana', displayName: 'Ana Lima' } });

describe('notificationToast for following', () => {
  afterEach(() => initI18n('en'));

  it('says who followed me, asks to, or accepted my request, in both languages', () => {
    expect(notificationToast('20', followEvent('follow.new', '20'))).toEqual({ id: 'notification-20', title: 'ana followed you', tone: 'info' });
    expect(notificationToast('21', followEvent('follow.request', '21'))).toEqual({
      id: 'notification-21',
      title: 'ana asks to follow you',
      description: 'Approve or decline it in Follow requests, from your profile.',
      tone: 'info',
    });
    expect(notificationToast('22', followEvent('follow.accepted', '22'))).toEqual({ id: 'notification-22', title: 'ana accepted your follow request', tone: 'success' });
    setLanguage('fr');
    expect(notificationToast('20', followEvent('follow.new', '20')).title).toBe('ana vous suit désormais');
    expect(notificationToast('21', followEvent('follow.request', '21')).title).toBe('ana demande à vous suivre');
    expect(notificationToast('22', followEvent('follow.accepted', '22')).title).toBe("ana a accepté votre demande d'abonnement");
  });
});
