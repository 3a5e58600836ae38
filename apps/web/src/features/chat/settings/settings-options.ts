// What the room settings' panels share: page sizes, the choices they offer, and who moderates.
import type { RouterOutputs } from '@veza/api';

export type RoomDto = RouterOutputs['chat']['rooms']['list'][number];
export type MemberDto = RouterOutputs['chat']['members']['list']['items'][number];
export type Role = RoomDto['role'];

/** Members shown per page in the settings. */
export const MEMBERS_PAGE = 50;
/** Slow-mode choices, in seconds (0: off). */
export const SLOW_MODES = [0, 5, 10, 30, 60, 300, 900, 3600] as const;
/** Mute lengths offered in a member's menu. */
export const MUTE_LENGTHS = [
  { id: '10m', seconds: 600 },
  { id: '1h', seconds: 3600 },
  { id: '1d', seconds: 86_400 },
] as const;
/** Invite lifetimes offered (seconds; null: never expires). */
export const INVITE_EXPIRIES = [null, 3600, 86_400, 7 * 86_400, 30 * 86_400] as const;

export const isModerator = (role: Role) => role === 'owner' || role === 'moderator';

/** "30 seconds", "5 minutes", "1 hour", "7 days": the largest whole unit. */
export function durationLabel(t: (key: string, options: { count: number }) => string, seconds: number): string {
  if (seconds % 86_400 === 0) return t('chat2.duration.days', { count: seconds / 86_400 });
  if (seconds % 3600 === 0) return t('chat2.duration.hours', { count: seconds / 3600 });
  if (seconds % 60 === 0) return t('chat2.duration.minutes', { count: seconds / 60 });
  return t('chat2.duration.seconds', { count: seconds });
}
