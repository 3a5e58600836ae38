import { defineEntity, p } from '@mikro-orm/core';
import { User } from './user.entity.ts';

export const AUTH_CHALLENGE_PURPOSES = ['mfa_login', 'passkey_register', 'passkey_login', 'passkey_step_up', 'totp_enrol'] as const;
export type AuthChallengePurpose = (typeof AUTH_CHALLENGE_PURPOSES)[number];

/**
 * A short-lived, single-use step of an authentication ceremony, shared by every instance:
 * the second-factor ticket after a correct password, a WebAuthn challenge, a pending TOTP secret.
 */
const AuthChallengeSchema = defineEntity({
  name: 'AuthChallenge',
  tableName: 'auth_challenges',
  properties: {
    id: p.uuid().primary(),
    purpose: p.enum([...AUTH_CHALLENGE_PURPOSES]),
    user: () => p.manyToOne(User).deleteRule('cascade').nullable().index(),
    /** SHA-256 of the ticket handed to the client, or the WebAuthn challenge, or the encrypted pending secret. */
    secret: p.string().length(256),
    /** Failed attempts against this challenge (a second-factor ticket dies after a few). */
    attempts: p.integer().default(0),
    /** For a second-factor ticket: how the first step was done (password, oauth:<provider>), carried to the session. */
    firstFactor: p.string().length(32).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
  },
});

export class AuthChallenge extends AuthChallengeSchema.class {}
AuthChallengeSchema.setClass(AuthChallenge);
export { AuthChallengeSchema };
