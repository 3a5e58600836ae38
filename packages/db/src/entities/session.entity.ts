import { defineEntity, p } from '@mikro-orm/core';
import { User } from './user.entity.ts';

/** A signed-in device. The refresh token itself is never stored, only its SHA-256. */
const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    id: p.uuid().primary(),
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    refreshTokenHash: p.string().length(64).unique().hidden(),
    userAgent: p.string().length(512).nullable(),
    ip: p.string().length(64).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().onCreate(() => new Date()),
    /** Absolute lifetime: rotation never extends past this. */
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    /** Why it ended: logout, revoked, reuse (refresh token replay), password_changed, deleted… */
    revokedReason: p.string().length(32).nullable(),
    /** How it was opened: password, passkey, oauth:<provider>. */
    method: p.string().length(32).default('password'),
    /** The second factor that completed the sign-in (totp, recovery), null when the first one was enough. */
    secondFactor: p.string().length(16).nullable(),
    /** Sensitive actions are allowed until then (set by signing in and by a step-up). */
    elevatedUntil: p.datetime().nullable(),
  },
});

export class Session extends SessionSchema.class {}
SessionSchema.setClass(Session);
export { SessionSchema };
