import { defineEntity, p } from '@mikro-orm/core';
import { AUDIT_EVENT_TYPE_VALUES } from '@veza/validators';

/** One list, shared with the admin screens (@veza/validators). */
export const AUDIT_EVENT_TYPES = AUDIT_EVENT_TYPE_VALUES;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/**
 * A security event. Kept apart from users on purpose (no foreign keys): the trail outlives the
 * accounts it mentions. `details` holds small, non-secret facts (never passwords, codes or tokens).
 */
const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_events',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    type: p.enum([...AUDIT_EVENT_TYPES]).index(),
    /** Who did it (null: anonymous or the system). */
    actorId: p.uuid().nullable().index(),
    /** Whose account it concerns. */
    subjectId: p.uuid().nullable().index(),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(512).nullable(),
    details: p.json<Record<string, string | number | boolean | null>>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()).index(),
  },
});

export class AuditEvent extends AuditEventSchema.class {}
AuditEventSchema.setClass(AuditEvent);
export { AuditEventSchema };
