import { defineEntity, p } from '@mikro-orm/core';
import { User } from '../entities/user.entity.ts';

/**
 * `blocker` blocked `blocked` (issue 10): neither can open a DM with the other, send into their 1-to-1 DM or add the
 * other to a group, and the blocked person's messages reach the blocker hidden. One row per pair and direction.
 */
const UserBlockSchema = defineEntity({
  name: 'UserBlock',
  tableName: 'user_blocks',
  properties: {
    blocker: () => p.manyToOne(User).primary().deleteRule('cascade'),
    blocked: () => p.manyToOne(User).primary().deleteRule('cascade').index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class UserBlock extends UserBlockSchema.class {}
UserBlockSchema.setClass(UserBlock);
export { UserBlockSchema };
