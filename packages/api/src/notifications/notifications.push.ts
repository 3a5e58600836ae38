// The push channel: a group whose kind the recipient wants pushed goes to their subscribed browsers (push/), in their
// language, tagged per group so a newer push of the same group replaces the older one on the device.
import type { NotificationKind } from '@veza/db';
import type { MailLanguage } from '@veza/validators';
import type { ApiDeps } from '../context.ts';
import { runInBackground } from '../account/background.ts';
import type { NotificationGroupDto } from './notifications.dto.ts';
import { headline } from './notifications.mail.ts';
import { pushToUser, type PushPayload } from './push/push.service.ts';

const URGENCY: Record<NotificationKind, PushPayload['urgency']> = {
  likes: 'low',
  reposts: 'low',
  follows: 'low',
  follow_requests: 'normal',
  comments: 'normal',
  mentions: 'high',
  invites: 'normal',
  processing: 'normal',
  security: 'high',
};

/** Whether this server sends push notifications at all (VAPID keys configured). */
export const pushAvailable = (deps: ApiDeps) => Boolean(deps.push?.vapid);

/** Pushes a group to the recipient's devices, after the answer (a push service's delays are nobody's wait). */
export function pushGroup(deps: ApiDeps, recipientId: string, group: NotificationGroupDto, language: MailLanguage) {
  const excerpt = group.target.type === 'comment' || group.target.type === 'chat' ? group.target.excerpt : (group.detail ?? '');
  const payload: PushPayload = {
    title: headline(group, language),
    body: excerpt,
    url: group.url,
    tag: `notification-${group.id}`,
    urgency: URGENCY[group.kind],
  };
  runInBackground(async () => {
    await pushToUser({ em: deps.db.fork(), deps }, recipientId, payload);
  });
}
