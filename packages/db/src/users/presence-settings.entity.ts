import { defineEntity, p } from '@mikro-orm/core';
import { PRESENCE_STATUSES } from '@veza/validators';
import { User } from '../entities/user.entity.ts';

/**
 * A user's presence choices, kept across presence-store expiry and restarts (the live state — connected, idle,
 * "listening to" — stays in the presence store). One row per user who ever chose; no row: online, sharing on.
 */
const UserPresenceSettingsSchema = defineEntity({
  name: 'UserPresenceSettings',
  tableName: 'user_presence_settings',
  properties: {
    // `on update` as Migration20261206120400 made it (no action): MikroORM would otherwise assume `on update cascade`
    // for a relation in the primary key. User ids never change, so either rule behaves the same.
    user: () => p.manyToOne(User).primary().deleteRule('cascade').updateRule('no action'),
    /** online / away / dnd / invisible (shown to others as offline). */
    status: p.enum([...PRESENCE_STATUSES]),
    /** Show "listening to <track>" to others. */
    shareListening: p.boolean(),
    updatedAt: p.datetime(),
  },
});

export class UserPresenceSettings extends UserPresenceSettingsSchema.class {}
UserPresenceSettingsSchema.setClass(UserPresenceSettings);
export { UserPresenceSettingsSchema };
