import { defineEntity, p } from '@mikro-orm/core';

export const USER_ROLES = ['user', 'creator', 'artist', 'producer', 'label', 'premium', 'moderator', 'admin'] as const;
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
    /** argon2id PHC string. Hidden: never serialised, never leaves the db/api layers. */
    passwordHash: p.string().hidden().lazy(),
    role: p.enum([...USER_ROLES]).default('user'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class User extends UserSchema.class {}
UserSchema.setClass(User);
export { UserSchema };
