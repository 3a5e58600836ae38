import { defineEntity, p } from '@mikro-orm/core';
import { Session } from './session.entity.ts';

/**
 * Every refresh token a session has been issued, by SHA-256. The session holds the current one;
 * a presented hash found here but no longer current is a replay, and revokes the whole session (its family).
 */
const RefreshTokenSchema = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  properties: {
    hash: p.string().length(64).primary(),
    session: () => p.manyToOne(Session).deleteRule('cascade').index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class RefreshToken extends RefreshTokenSchema.class {}
RefreshTokenSchema.setClass(RefreshToken);
export { RefreshTokenSchema };
