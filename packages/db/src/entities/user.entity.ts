import { defineEntity, p } from '@mikro-orm/core';

import { USER_ROLE_VALUES } from '@veza/validators';
import { Track } from './track.entity.ts';

/** One list, shared with the web forms (@veza/validators). */
export const USER_ROLES = USER_ROLE_VALUES;
export type UserRole = (typeof USER_ROLES)[number];

const UserSchema = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.uuid().primary(),
    /** Stored lower-cased; unique. */
    email: p.string().length(254).unique(),
    /** Stored lower-cased; unique; the public handle in URLs. */
    username: p.string().length(30).unique(),
    displayName: p.string().length(80).nullable(),
    bio: p.text().nullable(),
    /** A private profile: follows are requests the owner approves, and only approved followers see its tracks and lists. */
    isPrivate: p.boolean().default(false),
    /** Where the person is, as they write it ("Lyon, France"). */
    location: p.string().length(80).nullable(),
    /** Up to 8 links (website, known platforms), in the owner's order. */
    links: p.json<{ url: string }[]>().default('[]'),
    /** A track of theirs shown first on their profile. */
    pinnedTrack: () => p.manyToOne(Track).nullable().deleteRule('set null'),
    /** Storage key prefix of the avatar's sizes (`<prefix>-<size>.webp`), re-encoded without metadata. */
    avatarKey: p.string().length(300).nullable().hidden(),
    /** Storage key prefix of the banner's sizes. */
    bannerKey: p.string().length(300).nullable().hidden(),
    /** Unicode confusable skeleton of the username (UTS #39), unique: no look-alike handles. */
    usernameSkeleton: p.string().length(90).unique(),
    /** Set once the address has been proven by a link sent to it. */
    emailVerifiedAt: p.datetime().nullable(),
    /** argon2id PHC string; null for accounts created through OAuth or a passkey only. Hidden, lazy. */
    passwordHash: p.string().hidden().lazy().nullable(),
    role: p.enum([...USER_ROLES]).default('user'),
    /** TOTP secret, AES-256-GCM encrypted with the server's key. Hidden, lazy. */
    totpSecretEnc: p.string().length(200).hidden().lazy().nullable(),
    /** Set when TOTP is on (after enrolment was confirmed with a valid code). */
    totpEnabledAt: p.datetime().nullable(),
    /** The last TOTP time step accepted: a code is single-use within its window. */
    totpLastStep: p.bigint('number').nullable(),
    /** Suspended by a moderator/admin: cannot sign in. */
    lockedAt: p.datetime().nullable(),
    /** Deletion requested: the account is purged after the grace period unless the user signs in and cancels. */
    deletionRequestedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  // People search (issue 12; @veza/db search/, migration Migration20261207122627_search): names as a full-text
  // document (accents removed, CJK pairs) and as trigrams for typo tolerance.
  indexes: [
    { name: 'users_search_idx', expression: 'create index "users_search_idx" on "users" using gin (user_search_document("username", "display_name"))' },
    { name: 'users_search_name_trgm_idx', expression: 'create index "users_search_name_trgm_idx" on "users" using gin (user_search_name("username", "display_name") gin_trgm_ops)' },
  ],
});

export class User extends UserSchema.class {}
UserSchema.setClass(User);
export { UserSchema };
