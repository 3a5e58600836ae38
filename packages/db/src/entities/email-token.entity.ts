import { defineEntity, p } from '@mikro-orm/core';
import { User } from './user.entity.ts';

export const EMAIL_TOKEN_PURPOSES = ['verify_email', 'reset_password', 'change_email'] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

/** A link sent by email: stored as SHA-256, single-use, expiring. */
const EmailTokenSchema = defineEntity({
  name: 'EmailToken',
  tableName: 'email_tokens',
  properties: {
    id: p.uuid().primary(),
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    purpose: p.enum([...EMAIL_TOKEN_PURPOSES]),
    tokenHash: p.string().length(64).unique(),
    /** The address being verified (the new one for change_email). */
    email: p.string().length(254),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
  },
});

export class EmailToken extends EmailTokenSchema.class {}
EmailTokenSchema.setClass(EmailToken);
export { EmailTokenSchema };
