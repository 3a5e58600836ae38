import type { RouterOutputs } from '@veza/api';
import type { TFunction } from 'i18next';
import { displayNameOf } from '../tracks/track-model.ts';

export type NotificationGroup = RouterOutputs['notifications']['list']['items'][number];

/** The `change` of a security notice about a sign-in from a device not seen before (packages/api new-sign-in.ts). */
const NEW_SIGN_IN_CHANGE = 'new_sign_in';

/** Who did it: "ana", "ana and 12 others" (system notices have no actor). */
function who(t: TFunction, group: NotificationGroup): string {
  const first = group.actors[0];
  if (!first) return '';
  const actor = displayNameOf(first);
  const others = Math.max(0, group.actorCount - 1);
  return others > 0 ? t('notifications.center.andOthers', { actor, count: others }) : actor;
}

/** The line a group reads as: "ana and 12 others liked “Night Drive”". */
export function headlineOf(t: TFunction, group: NotificationGroup): string {
  const actor = who(t, group);
  // French agrees the verb with the number of people ("ana a aimé", "ana et 12 autres personnes ont aimé").
  const count = Math.max(1, group.actorCount);
  const target = group.target;
  switch (target.type) {
    case 'track': {
      const key = group.type === 'track.reposted' ? 'reposted' : group.type === 'track.processed' ? 'processed' : group.type === 'track.failed' ? 'failed' : 'liked';
      return t(`notifications.center.text.${key}`, { who: actor, count, title: target.title });
    }
    case 'comment':
      return t(`notifications.center.text.comment_${target.on}`, { who: actor, count, title: target.trackTitle });
    case 'chat':
      return target.roomName ? t('notifications.center.text.chatRoom', { who: actor, count, room: target.roomName }) : t('notifications.center.text.chatDirect', { who: actor, count });
    case 'playlist':
      return t('notifications.center.text.invite', { who: actor, count, title: target.title });
    case 'profile':
      return t(group.type === 'follow.accepted' ? 'notifications.center.text.followAccepted' : 'notifications.center.text.followNew', { who: actor, count });
    case 'group':
      return t(target.requests ? 'notifications.center.text.groupRequest' : 'notifications.center.text.groupInvite', { who: actor, count, name: target.name });
    case 'follow_requests':
      return t('notifications.center.text.followRequest', { who: actor, count });
    case 'security':
      // `change` names what happened (the server's NEW_SIGN_IN_CHANGE, …); the others read as a generic change.
      return t(target.change === NEW_SIGN_IN_CHANGE ? 'notifications.center.text.securityNewSignIn' : 'notifications.center.text.security');
  }
}

/** The second line: the start of a comment or message, or why processing failed. */
export function excerptOf(group: NotificationGroup): string | null {
  const target = group.target;
  if (target.type === 'comment' || target.type === 'chat') return target.excerpt || null;
  return group.detail;
}
