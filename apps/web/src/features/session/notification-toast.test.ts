// The toast of a chat mention: who, where, and the start of the message, in both languages.
import type { ChatMentionEvent } from '@veza/api';
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
