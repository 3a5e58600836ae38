import type { Em } from '../orm.ts';
import { AuditEvent, type AuditEventType } from '../entities/audit-event.entity.ts';

export interface NewAuditEvent {
  type: AuditEventType;
  actorId: string | null;
  subjectId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, string | number | boolean | null> | null;
}

export interface AuditFilter {
  types?: AuditEventType[] | undefined;
  /** Events where this user is the actor or the subject. */
  userId?: string | undefined;
  ip?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  /** Keyset: events with an id below this one. */
  beforeId?: string | undefined;
  limit: number;
}

export const auditRepository = (em: Em) => ({
  /** Appends one event, outside any unit of work the caller has pending. */
  async append(event: NewAuditEvent) {
    await em.insert(AuditEvent, { ...event, createdAt: new Date() });
  },
  /** Newest first. */
  list(filter: AuditFilter) {
    return em.find(
      AuditEvent,
      {
        ...(filter.types?.length ? { type: { $in: filter.types } } : {}),
        ...(filter.userId ? { $or: [{ actorId: filter.userId }, { subjectId: filter.userId }] } : {}),
        ...(filter.ip ? { ip: filter.ip } : {}),
        ...(filter.since || filter.until
          ? { createdAt: { ...(filter.since ? { $gte: filter.since } : {}), ...(filter.until ? { $lt: filter.until } : {}) } }
          : {}),
        ...(filter.beforeId ? { id: { $lt: filter.beforeId } } : {}),
      },
      { orderBy: { id: 'desc' }, limit: filter.limit },
    );
  },
});
