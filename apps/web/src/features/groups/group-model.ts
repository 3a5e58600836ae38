import type { GroupDto } from '@veza/api';
import type { TFunction } from 'i18next';
import { errorInfo, errorMessage } from '../../lib/errors.ts';
import { reasonOf } from '../step-up/use-step-up.ts';

/** Page sizes of the group lists (the API's default). */
export const GROUPS_PAGE_SIZE = 20;

/** Slugs that name a screen of their own under /groups: such a group is linked by its id. */
const SCREEN_SLUGS = new Set(['new', 'join']);

/** The app path of a group (its slug, or its id when the slug names a screen), optionally a tab. */
export function groupHref(group: Pick<GroupDto, 'id' | 'slug'>, tab?: GroupTab): string {
  const ref = SCREEN_SLUGS.has(group.slug) ? group.id : group.slug;
  return tab && tab !== 'about' ? `/groups/${ref}/${tab}` : `/groups/${ref}`;
}

export const GROUP_TABS = ['about', 'feed', 'members', 'requests', 'settings'] as const;
export type GroupTab = (typeof GROUP_TABS)[number];
export const isGroupTab = (value: string | undefined): value is GroupTab => GROUP_TABS.includes(value as GroupTab);

/** The API's refusals of group actions (groups/*.service.ts), each said in the current language. */
const REASONS = new Set([
  'group_not_found',
  'members_only',
  'not_admin',
  'not_owner',
  'banned',
  'private_group',
  'public_group',
  'no_request',
  'no_invitation',
  'link_invalid',
  'link_expired',
  'owner_must_transfer',
  'outranked',
  'self',
  'not_a_member',
  'item_unavailable',
  'not_author',
  'post_not_found',
  'cannot_invite',
  'not_banned',
  'no_such_user',
]);

/** Why a group action was refused, in the current language (the API's reason translated, else its message). */
export function groupRefusal(error: unknown, t: TFunction, params: Record<string, string> = {}): string {
  const reason = reasonOf(error);
  if (reason && REASONS.has(reason)) return t(`groups.refused.${reason}`, params);
  if (errorInfo(error).code === 'NOT_FOUND' && params.username) return t('groups.refused.no_such_user', params);
  return errorMessage(error);
}

/** A track or playlist id from what was pasted: a Veza link (`…/tracks/<id>`, `…/playlists/<id>`) or a bare id. */
export function parseItemRef(text: string, kind: 'track' | 'playlist'): string | null {
  const value = text.trim();
  const uuid = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
  const bare = new RegExp(`^${uuid}$`, 'i').exec(value);
  if (bare) return bare[1]!.toLowerCase();
  const linked = new RegExp(`/${kind === 'track' ? 'tracks' : 'playlists'}/${uuid}(?:[/?#]|$)`, 'i').exec(value);
  return linked ? linked[1]!.toLowerCase() : null;
}
