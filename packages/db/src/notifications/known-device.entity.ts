import { defineEntity, p } from '@mikro-orm/core';
import { User } from '../entities/user.entity.ts';

/**
 * A browser or device a person signed in from (issue 12: "new sign-in from a new device" notices). `deviceHash` is the
 * SHA-256 of the device's id (a random id in a long-lived httpOnly cookie; for clients without cookies, of the
 * user-agent and network): the id itself is never stored.
 */
const KnownDeviceSchema = defineEntity({
  name: 'KnownDevice',
  tableName: 'known_devices',
  properties: {
    user: () => p.manyToOne(User).primary().deleteRule('cascade'),
    deviceHash: p.string().length(64).primary(),
    firstSeenAt: p.datetime().onCreate(() => new Date()),
    lastSeenAt: p.datetime().onCreate(() => new Date()),
    /** The user agent of the last sign-in from it (for support; trimmed). */
    userAgent: p.string().length(512).nullable(),
  },
});

export class KnownDevice extends KnownDeviceSchema.class {}
KnownDeviceSchema.setClass(KnownDevice);
export { KnownDeviceSchema };
