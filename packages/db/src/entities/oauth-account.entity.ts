import { defineEntity, p } from '@mikro-orm/core';
import { User } from './user.entity.ts';

export const OAUTH_PROVIDERS = ['discord', 'spotify', 'google', 'github'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

/** An external identity linked to a Veza account. */
const OAuthAccountSchema = defineEntity({
  name: 'OAuthAccount',
  tableName: 'oauth_accounts',
  properties: {
    id: p.uuid().primary(),
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    provider: p.enum([...OAUTH_PROVIDERS]),
    providerUserId: p.string().length(255),
    /** The provider's email and whether the provider says it is verified, as of the last sign-in. */
    email: p.string().length(254).nullable(),
    emailVerified: p.boolean().default(false),
    displayName: p.string().length(255).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
  },
  uniques: [{ name: 'oauth_accounts_provider_user_unique', properties: ['provider', 'providerUserId'] }],
});

export class OAuthAccount extends OAuthAccountSchema.class {}
OAuthAccountSchema.setClass(OAuthAccount);
export { OAuthAccountSchema };
