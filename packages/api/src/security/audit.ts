import { auditRepository, type AuditEventType } from '@veza/db';
import type { Context } from '../context.ts';

type AuditCtx = Pick<Context, 'deps' | 'meta'>;

/**
 * Records a security event. Written through a fresh EntityManager so it lands even when the caller's
 * unit of work is rolled back (a failed login is exactly when we want the row). Never pass secrets in details.
 */
export async function audit(
  ctx: AuditCtx,
  type: AuditEventType,
  who: { actorId?: string | null; subjectId?: string | null },
  details: Record<string, string | number | boolean | null> | null = null,
): Promise<void> {
  await auditRepository(ctx.deps.db.fork()).append({
    type,
    actorId: who.actorId ?? null,
    subjectId: who.subjectId ?? who.actorId ?? null,
    ip: ctx.meta.ip,
    userAgent: ctx.meta.userAgent?.slice(0, 512) ?? null,
    details,
  });
}
