import { z } from 'zod';
import { usernameSchema } from './auth.ts';
import { opaqueCursorSchema } from './ids.ts';
import { playlistIdSchema } from './playlists.ts';
import { text } from './text.ts';
import { trackIdSchema } from './tracks.ts';

// Groups (issue 12): communities with a feed of tracks and playlists and a chat room of their own. Not to be confused
// with chat's small group conversations (chat-dms.ts, GROUP_MAX_MEMBERS).

export const GROUP_NAME_MAX = 80;
export const GROUP_DESCRIPTION_MAX = 1000;
/** A post's comment, at most this many characters. */
export const GROUP_POST_COMMENT_MAX = 500;
/** A slug: lowercase letters, digits and single dashes, made from the name at creation. */
export const GROUP_SLUG_MAX = 60;
/** Invite links expire after at most 30 days when an expiry is given. */
export const GROUP_LINK_TTL_MAX_SECONDS = 30 * 24 * 3600;
export const GROUP_ROLES = ['owner', 'admin', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

export const groupIdSchema = z.uuid('Unknown group.');
export const groupSlugSchema = z
  .string('Unknown group.')
  .min(1, 'Unknown group.')
  .max(GROUP_SLUG_MAX, 'Unknown group.')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Unknown group.');
const memberIdSchema = z.uuid('Unknown member.');

const name = text('Name').min(1, 'Give the group a name.').max(GROUP_NAME_MAX, `Group names must be at most ${GROUP_NAME_MAX} characters.`);
const description = text('Description', { multiline: true }).max(GROUP_DESCRIPTION_MAX, `Descriptions must be at most ${GROUP_DESCRIPTION_MAX} characters.`);
const pageLimit = z.number('Limit must be a number.').int('Limit must be a whole number.').min(1, 'Limit must be at least 1.').max(50, 'Limit must be at most 50.').default(20);
const cursor = opaqueCursorSchema.nullish();

export const createGroupInput = z.object({
  name,
  description: description.nullish(),
  /** Public: anyone joins and reads it. Private: people ask to join (or are invited); only members read it. */
  isPublic: z.boolean('Public must be true or false.').default(true),
});
export type CreateGroupInput = z.input<typeof createGroupInput>;

export const updateGroupInput = z.object({
  id: groupIdSchema,
  name: name.optional(),
  description: description.nullish(),
  isPublic: z.boolean('Public must be true or false.').optional(),
});
export type UpdateGroupInput = z.input<typeof updateGroupInput>;

export const groupInput = z.object({ id: groupIdSchema });
/** A group by its id or its slug (URLs use the slug). */
export const groupRefInput = z.object({ ref: z.union([groupIdSchema, groupSlugSchema], 'Unknown group.') });

/** Public groups, newest first; `query` keeps those whose name holds it. */
export const listGroupsInput = z
  .object({ query: text('Search').max(GROUP_NAME_MAX, `Search at most ${GROUP_NAME_MAX} characters.`).optional(), cursor, limit: pageLimit })
  .default({ limit: 20 });
export type ListGroupsInput = z.input<typeof listGroupsInput>;

export const myGroupsInput = z.object({ cursor, limit: pageLimit }).default({ limit: 20 });
export type MyGroupsInput = z.input<typeof myGroupsInput>;

export const groupPageInput = z.object({ id: groupIdSchema, cursor, limit: pageLimit });
export type GroupPageInput = z.input<typeof groupPageInput>;

export const groupMemberInput = z.object({ id: groupIdSchema, userId: memberIdSchema });
export type GroupMemberInput = z.input<typeof groupMemberInput>;

export const groupInviteInput = z.object({ id: groupIdSchema, username: usernameSchema });

/** The owner makes a member an admin or a member again (handing the group over is `transferOwnership`). */
export const setGroupRoleInput = z.object({ id: groupIdSchema, userId: memberIdSchema, role: z.enum(['admin', 'member'], 'Role must be admin or member.') });
export type SetGroupRoleInput = z.input<typeof setGroupRoleInput>;

export const createGroupLinkInput = z.object({
  id: groupIdSchema,
  /** Omitted: the link works until revoked. */
  expiresInSeconds: z
    .number('Expiry must be a number of seconds.')
    .int('Expiry must be a whole number of seconds.')
    .min(60, 'Links last at least a minute.')
    .max(GROUP_LINK_TTL_MAX_SECONDS, 'Links last at most 30 days.')
    .optional(),
});
export type CreateGroupLinkInput = z.input<typeof createGroupLinkInput>;

export const groupLinkIdInput = z.object({ linkId: z.uuid('Unknown invite link.') });
/** The token of an invite link (43 base64url characters). */
export const groupLinkTokenInput = z.object({ token: z.string('This invite link is not valid.').regex(/^[A-Za-z0-9_-]{43}$/, 'This invite link is not valid.') });

/** A post to a group's feed: one public track or playlist, with an optional comment. */
export const createGroupPostInput = z
  .object({
    id: groupIdSchema,
    trackId: trackIdSchema.optional(),
    playlistId: playlistIdSchema.optional(),
    comment: text('Comment', { multiline: true }).max(GROUP_POST_COMMENT_MAX, `Comments must be at most ${GROUP_POST_COMMENT_MAX} characters.`).nullish(),
  })
  .refine((v) => (v.trackId === undefined) !== (v.playlistId === undefined), { message: 'Post one track or one playlist.', path: ['trackId'] });
export type CreateGroupPostInput = z.input<typeof createGroupPostInput>;

export const groupPostInput = z.object({ postId: z.uuid('Unknown post.') });
