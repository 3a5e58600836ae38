import type { RouterInputs, RouterOutputs } from '@veza/api';
import { AUDIT_EVENT_TYPE_VALUES } from '@veza/validators';

type AuditListInput = Exclude<RouterInputs['admin']['audit']['list'], void | undefined>;
export type AuditEventType = NonNullable<AuditListInput['types']>[number];
export type AuditEventDto = RouterOutputs['admin']['audit']['list']['items'][number];

/** Every audit event type, grouped for the filter (checked against the API's type both ways). */
export const AUDIT_GROUPS = {
  signIn: ['login.succeeded', 'login.failed', 'login.throttled', 'logout', 'session.revoked', 'session.reuse_detected'],
  credentials: ['password.changed', 'password.reset_requested', 'password.reset', 'email.verified', 'email.change_requested', 'email.changed'],
  account: ['account.created', 'account.deletion_requested', 'account.deletion_cancelled', 'account.deleted', 'account.exported'],
  factors: [
    'mfa.totp_enabled', 'mfa.totp_disabled', 'mfa.recovery_codes_regenerated', 'mfa.recovery_code_used', 'mfa.failed',
    'step_up.succeeded', 'step_up.failed', 'passkey.added', 'passkey.removed', 'oauth.linked', 'oauth.unlinked',
  ],
  admin: ['role.changed', 'account.locked', 'account.unlocked', 'chat.conversation_read', 'chat.report_resolved'],
} as const satisfies Record<string, readonly AuditEventType[]>;

export const AUDIT_TYPES: readonly AuditEventType[] = AUDIT_EVENT_TYPE_VALUES;
type Ungrouped = Exclude<AuditEventType, (typeof AUDIT_GROUPS)[keyof typeof AUDIT_GROUPS][number]>;
/** Compile-time check: every event type of the API appears in one group of the filter. */
export const everyTypeGrouped: [Ungrouped] extends [never] ? true : false = true;

/** The chart's families: failed sign-ins and checks, successful ones, everything else. */
export type AuditFamily = 'failure' | 'success' | 'other';
const FAILURES = new Set<string>(['login.failed', 'login.throttled', 'mfa.failed', 'step_up.failed', 'session.reuse_detected']);
const SUCCESSES = new Set<string>(['login.succeeded', 'step_up.succeeded']);
export const familyOf = (type: string): AuditFamily => (FAILURES.has(type) ? 'failure' : SUCCESSES.has(type) ? 'success' : 'other');

/** Counts per UTC day (oldest first, every day in the range present) and per family. */
export function eventsPerDay(events: Array<{ type: string; createdAt: string }>): Array<{ day: string; values: Record<AuditFamily, number> }> {
  if (events.length === 0) return [];
  const counts = new Map<string, Record<AuditFamily, number>>();
  for (const event of events) {
    const day = event.createdAt.slice(0, 10);
    const row = counts.get(day) ?? { failure: 0, success: 0, other: 0 };
    row[familyOf(event.type)] += 1;
    counts.set(day, row);
  }
  const days = [...counts.keys()].sort();
  const out: Array<{ day: string; values: Record<AuditFamily, number> }> = [];
  const first = new Date(`${days[0]}T00:00:00Z`).getTime();
  const last = new Date(`${days[days.length - 1]}T00:00:00Z`).getTime();
  for (let time = first; time <= last; time += 86_400_000) {
    const day = new Date(time).toISOString().slice(0, 10);
    out.push({ day, values: counts.get(day) ?? { failure: 0, success: 0, other: 0 } });
  }
  return out;
}
