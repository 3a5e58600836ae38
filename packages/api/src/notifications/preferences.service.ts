import { notificationSettingsRepository, usersRepository, type NotificationKind, type NotificationOverrides, type StoredNotificationSettings } from '@veza/db';
import type { NotificationPreferenceChannel, UpdateNotificationPreferencesInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import type { NotificationPreferencesDto, UnsubscribeResultDto } from './notifications.dto.ts';
import { channelsFor, KINDS, LOCKED } from './notifications.kinds.ts';
import { readUnsubscribeToken } from './unsubscribe.ts';
import { pushAvailable } from './notifications.push.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

function toDto(ctx: Ctx, stored: StoredNotificationSettings): NotificationPreferencesDto {
  const kinds = Object.fromEntries(KINDS.map((kind) => [kind, channelsFor(stored.overrides, kind)])) as NotificationPreferencesDto['kinds'];
  const locked = Object.fromEntries(Object.entries(LOCKED).map(([kind, channels]) => [kind, [...channels]])) as NotificationPreferencesDto['locked'];
  return { language: stored.language, kinds, locked, pushAvailable: pushAvailable(ctx.deps), digest: stored.digest };
}

/** The viewer's channels per kind (defaults where they chose nothing) and their mail language. */
export async function get(ctx: Ctx, viewer: Viewer): Promise<NotificationPreferencesDto> {
  return toDto(ctx, await notificationSettingsRepository(ctx.em).of(viewer.id));
}

/** Changes some channels of some kinds, the language, the digest; switching off a locked channel (security notices) is refused, changing nothing. */
export async function update(ctx: Ctx, viewer: Viewer, input: UpdateNotificationPreferencesInput): Promise<NotificationPreferencesDto> {
  const patch: NotificationOverrides = {};
  for (const [kind, choice] of Object.entries(input.kinds) as [NotificationKind, Partial<Record<NotificationPreferenceChannel, boolean>>][]) {
    for (const channel of LOCKED[kind] ?? []) {
      if (choice[channel] === false) {
        throw new DomainError('BAD_REQUEST', 'Security notices are always on: they tell you when someone else may be using your account.', { kinds: ['Security notices cannot be turned off.'] }, 'locked');
      }
    }
    patch[kind] = choice;
  }
  return toDto(ctx, await notificationSettingsRepository(ctx.em).update(viewer.id, { language: input.language, digest: input.digest, patch }));
}

/**
 * One-click unsubscribe (RFC 8058), signed out: the token names the account and the kind; its email channel is
 * switched off (again is fine). A digest's token turns the digest off. A forged, malformed or expired token is refused and changes nothing.
 */
export async function unsubscribe(ctx: Ctx, token: string): Promise<UnsubscribeResultDto> {
  const check = readUnsubscribeToken(ctx.deps, token);
  if (!check.ok && check.reason === 'expired') {
    throw new DomainError('BAD_REQUEST', 'This unsubscribe link has expired. Sign in and change your notification settings instead.', undefined, 'unsubscribe_expired');
  }
  const user = check.ok ? await usersRepository(ctx.em).byId(check.userId) : null;
  if (!check.ok || !user) {
    throw new DomainError('BAD_REQUEST', 'This unsubscribe link is not valid. Sign in and change your notification settings instead.', undefined, 'unsubscribe_invalid');
  }
  if (check.kind === 'digest') {
    await notificationSettingsRepository(ctx.em).update(user.id, { digest: 'off', patch: {} });
    return { kind: 'digest', channel: 'email', username: user.username };
  }
  if (LOCKED[check.kind]?.includes('email')) {
    throw new DomainError('BAD_REQUEST', 'Security notices are always on: they tell you when someone else may be using your account.', undefined, 'locked');
  }
  await notificationSettingsRepository(ctx.em).update(user.id, { patch: { [check.kind]: { email: false } } });
  return { kind: check.kind, channel: 'email', username: user.username };
}
