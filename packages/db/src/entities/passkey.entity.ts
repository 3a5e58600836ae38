import { defineEntity, p } from '@mikro-orm/core';
import { User } from './user.entity.ts';

/** A WebAuthn credential (passkey) registered by a user. */
const PasskeySchema = defineEntity({
  name: 'Passkey',
  tableName: 'passkeys',
  properties: {
    /** The credential ID, base64url. */
    id: p.string().length(512).primary(),
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    /** COSE public key, base64url. */
    publicKey: p.text(),
    counter: p.bigint('number').default(0),
    transports: p.json<string[]>().nullable(),
    deviceType: p.string().length(32),
    backedUp: p.boolean().default(false),
    /** A name the user recognises ("MacBook Touch ID"). */
    name: p.string().length(80),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
  },
});

export class Passkey extends PasskeySchema.class {}
PasskeySchema.setClass(Passkey);
export { PasskeySchema };
