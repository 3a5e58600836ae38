import { z } from 'zod';
import { opaqueCursorSchema } from './ids.ts';
import { text } from './text.ts';

/** Account roles; the database's enum is built from this list (@veza/db USER_ROLES). */
export const USER_ROLE_VALUES = ['user', 'creator', 'artist', 'producer', 'label', 'premium', 'moderator', 'admin'] as const;
export const userRoleSchema = z.enum(USER_ROLE_VALUES, 'Choose a valid role.');

/** Security events; the database's enum is built from this list (@veza/db AUDIT_EVENT_TYPES). */
export const AUDIT_EVENT_TYPE_VALUES = [
  'login.succeeded',
  'login.failed',
  'login.throttled',
  'logout',
  'session.revoked',
  'session.reuse_detected',
  'password.changed',
  'password.reset_requested',
  'password.reset',
  'email.verified',
  'email.change_requested',
  'email.changed',
  'account.created',
  'account.deletion_requested',
  'account.deletion_cancelled',
  'account.deleted',
  'account.exported',
  'mfa.totp_enabled',
  'mfa.totp_disabled',
  'mfa.recovery_codes_regenerated',
  'mfa.recovery_code_used',
  'mfa.failed',
  'step_up.succeeded',
  'step_up.failed',
  'passkey.added',
  'passkey.removed',
  'oauth.linked',
  'oauth.unlinked',
  'role.changed',
  'account.locked',
  'account.unlocked',
  'chat.conversation_read',
  'chat.report_resolved',
] as const;
export const auditEventTypeSchema = z.enum(AUDIT_EVENT_TYPE_VALUES, 'Unknown event type.');

const idSchema = z.uuid('Unknown id.');
/** Free text searched in the database: no control characters (PostgreSQL text cannot even hold NUL). */
const searchText = (max: number, what: string) => text(what).max(max, `${what} must be at most ${max} characters.`);
const cursorSchema = opaqueCursorSchema;
const limitSchema = z.number('Limit must be a number.').int('Limit must be a whole number.').min(1, 'Limit must be at least 1.').max(100, 'Limit must be at most 100.');
/** Years 1970–9999: what a stored event can have, and what every database and driver takes (year 0 does not). */
const DATE_RANGE = { min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) };
const dateSchema = z.iso
  .datetime({ offset: true, error: 'Use an ISO date and time such as 2026-01-31T12:00:00Z.' })
  .refine((value) => {
    const time = Date.parse(value);
    return time >= DATE_RANGE.min && time <= DATE_RANGE.max;
  }, 'Use a date between the years 1970 and 9999.');

export const sessionIdInput = z.object({ id: idSchema });

export const adminUsersListInput = z
  .object({
    query: searchText(254, 'Search').optional(),
    role: userRoleSchema.optional(),
    cursor: cursorSchema.optional(),
    limit: limitSchema.optional(),
  })
  .default({});

export const adminSetRoleInput = z.object({ userId: idSchema, role: userRoleSchema });
export const adminSetLockedInput = z.object({ userId: idSchema, locked: z.boolean('Locked must be true or false.') });

export const adminAuditListInput = z
  .object({
    types: z.array(auditEventTypeSchema).max(AUDIT_EVENT_TYPE_VALUES.length, 'Too many types.').optional(),
    userId: idSchema.optional(),
    ip: searchText(64, 'IP').optional(),
    since: dateSchema.optional(),
    until: dateSchema.optional(),
    cursor: cursorSchema.optional(),
    limit: limitSchema.optional(),
  })
  .default({});
export type AdminUsersListInput = z.infer<typeof adminUsersListInput>;
export type AdminAuditListInput = z.infer<typeof adminAuditListInput>;
