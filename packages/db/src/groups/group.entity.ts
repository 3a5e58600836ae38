import { defineEntity, p } from '@mikro-orm/core';
import { GROUP_NAME_MAX, GROUP_POST_COMMENT_MAX, GROUP_ROLES, GROUP_SLUG_MAX } from '@veza/validators';
import { Room } from '../chat/room.entity.ts';
import { Track } from '../entities/track.entity.ts';
import { User } from '../entities/user.entity.ts';
import { Playlist } from '../playlists/playlist.entity.ts';

/**
 * A group (issue 12): a community with a feed of tracks and playlists and a chat room of its own (`room`, a private
 * room of the chat domain whose members are kept in step with the group's). Public: anyone joins and reads it.
 * Private: its name, description, avatar and member count are public; people ask to join or are invited, and only
 * members read its feed, members and room. `owner` mirrors the member whose role is `owner`; `memberCount` is kept
 * under the group's row lock with every membership change. The slug is made from the name at creation and never
 * changes, so links stay valid.
 */
const GroupSchema = defineEntity({
  name: 'Group',
  tableName: 'groups',
  properties: {
    id: p.uuid().primary(),
    slug: p.string().length(GROUP_SLUG_MAX).unique(),
    name: p.string().length(GROUP_NAME_MAX),
    description: p.text().nullable(),
    isPublic: p.boolean().default(true),
    owner: () => p.manyToOne(User).deleteRule('cascade').index(),
    room: () => p.manyToOne(Room).nullable().deleteRule('set null').unique(),
    memberCount: p.integer().default(1),
    /** The avatar (a cover image, as for tracks and playlists). */
    coverKey: p.string().length(300).nullable().hidden(),
    coverMimeType: p.string().length(32).nullable(),
    /** Grows with every change of settings or avatar: the avatar's URL is versioned by it. */
    version: p.integer().default(1),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [
    { name: 'groups_public_recent_idx', properties: ['isPublic', 'createdAt'] },
    // Search (issue 12; @veza/db search/, migration Migration20261207154918_group_search, which creates the function):
    // the full-text document (name, description; accents removed; CJK pairs), and the name's trigrams for typos.
    { name: 'groups_search_idx', expression: 'create index "groups_search_idx" on "groups" using gin (group_search_document("name", "description"))' },
    { name: 'groups_name_trgm_idx', expression: 'create index "groups_name_trgm_idx" on "groups" using gin (veza_search_text("name") gin_trgm_ops)' },
  ],
});

export class Group extends GroupSchema.class {}
GroupSchema.setClass(Group);
export { GroupSchema };

/** Someone in a group, with their role: one owner, admins, members. */
const GroupMemberSchema = defineEntity({
  name: 'GroupMember',
  tableName: 'group_members',
  properties: {
    group: () => p.manyToOne(Group).primary().deleteRule('cascade'),
    user: () => p.manyToOne(User).primary().deleteRule('cascade'),
    role: p.enum([...GROUP_ROLES]).default('member'),
    joinedAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [
    { name: 'group_members_user_recent_idx', properties: ['user', 'joinedAt'] },
    { name: 'group_members_group_joined_idx', properties: ['group', 'joinedAt'] },
  ],
});

export class GroupMember extends GroupMemberSchema.class {}
GroupMemberSchema.setClass(GroupMember);
export { GroupMemberSchema };

/** Someone asking to join a private group, until an admin approves or declines (or they cancel). */
const GroupJoinRequestSchema = defineEntity({
  name: 'GroupJoinRequest',
  tableName: 'group_join_requests',
  properties: {
    group: () => p.manyToOne(Group).primary().deleteRule('cascade'),
    user: () => p.manyToOne(User).primary().deleteRule('cascade').index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ name: 'group_join_requests_group_recent_idx', properties: ['group', 'createdAt'] }],
});

export class GroupJoinRequest extends GroupJoinRequestSchema.class {}
GroupJoinRequestSchema.setClass(GroupJoinRequest);
export { GroupJoinRequestSchema };

/** An invitation of one person by an admin, until they accept or decline it. */
const GroupInvitationSchema = defineEntity({
  name: 'GroupInvitation',
  tableName: 'group_invitations',
  properties: {
    group: () => p.manyToOne(Group).primary().deleteRule('cascade'),
    user: () => p.manyToOne(User).primary().deleteRule('cascade'),
    invitedBy: () => p.manyToOne(User).nullable().deleteRule('set null').index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ name: 'group_invitations_user_recent_idx', properties: ['user', 'createdAt'] }],
});

export class GroupInvitation extends GroupInvitationSchema.class {}
GroupInvitationSchema.setClass(GroupInvitation);
export { GroupInvitationSchema };

/**
 * An invite link: whoever holds its token joins (private groups too) unless banned. Only the token's SHA-256 is
 * stored. Revoked and expired links stay for the record.
 */
const GroupInviteLinkSchema = defineEntity({
  name: 'GroupInviteLink',
  tableName: 'group_invite_links',
  properties: {
    id: p.uuid().primary(),
    group: () => p.manyToOne(Group).deleteRule('cascade').index(),
    tokenHash: p.string().length(64).unique(),
    createdBy: () => p.manyToOne(User).nullable().deleteRule('set null').index(),
    /** Null: never expires. */
    expiresAt: p.datetime().nullable(),
    uses: p.integer().default(0),
    revokedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class GroupInviteLink extends GroupInviteLinkSchema.class {}
GroupInviteLinkSchema.setClass(GroupInviteLink);
export { GroupInviteLinkSchema };

/** Someone banned from a group: out of it (and of its room), and unable to join, ask or be invited until unbanned. */
const GroupBanSchema = defineEntity({
  name: 'GroupBan',
  tableName: 'group_bans',
  properties: {
    group: () => p.manyToOne(Group).primary().deleteRule('cascade'),
    user: () => p.manyToOne(User).primary().deleteRule('cascade').index(),
    bannedBy: () => p.manyToOne(User).nullable().deleteRule('set null').index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class GroupBan extends GroupBanSchema.class {}
GroupBanSchema.setClass(GroupBan);
export { GroupBanSchema };

/**
 * A post in a group's feed: one track or one playlist (public when posted), with a comment. A person posts the same
 * track (or playlist) to a group once: the unique keys make a double submit a no-op.
 */
const GroupPostSchema = defineEntity({
  name: 'GroupPost',
  tableName: 'group_posts',
  properties: {
    id: p.uuid().primary(),
    group: () => p.manyToOne(Group).deleteRule('cascade'),
    author: () => p.manyToOne(User).deleteRule('cascade').index(),
    track: () => p.manyToOne(Track).nullable().deleteRule('cascade').index(),
    playlist: () => p.manyToOne(Playlist).nullable().deleteRule('cascade').index(),
    comment: p.string().length(GROUP_POST_COMMENT_MAX).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ name: 'group_posts_group_recent_idx', properties: ['group', 'createdAt', 'id'] }],
  uniques: [
    { name: 'group_posts_track_once', properties: ['group', 'author', 'track'] },
    { name: 'group_posts_playlist_once', properties: ['group', 'author', 'playlist'] },
  ],
});

export class GroupPost extends GroupPostSchema.class {}
GroupPostSchema.setClass(GroupPost);
export { GroupPostSchema };
