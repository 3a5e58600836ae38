import { BarChart, ListIcon } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/page-heading.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { trpc } from '../../../trpc.ts';
import { formatDate } from '../../settings/settings-format.ts';
import { AdminTable, adminTableTexts } from '../admin-table.tsx';
import { AuditFilters, emptyAuditFilters, type AuditFilterValues } from './audit-filters.tsx';
import { eventsPerDay, type AuditEventDto } from './audit-types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 50;
const CHART_DAYS = 31;

const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`).toISOString();
const dayEnd = (day: string) => new Date(`${day}T23:59:59.999Z`).toISOString();

function detailsText(details: AuditEventDto['details']): string {
  if (!details) return '';
  return Object.entries(details).map(([k, v]) => `${k}: ${String(v)}`).join(', ');
}

/** `/admin/audit` (admins): security events newest first, filters, "load more", and a per-day chart of sign-in outcomes. */
export function AdminAuditPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const utils = trpc.useUtils();
  const [filters, setFilters] = useState<AuditFilterValues>(emptyAuditFilters);
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const [userError, setUserError] = useState<string | null>(null);

  const input = {
    types: filters.types.length > 0 ? filters.types : undefined,
    userId,
    ip: filters.ip.trim() || undefined,
    since: filters.since ? dayStart(filters.since) : undefined,
    until: filters.until ? dayEnd(filters.until) : undefined,
    limit: PAGE_SIZE,
  };
  const list = trpc.admin.audit.list.useInfiniteQuery(input, { getNextPageParam: (last) => last.nextCursor ?? undefined, enabled: userError === null });

  /** A username is looked up to its id (exact match); an id is used as it is. */
  const apply = async (values: AuditFilterValues) => {
    const user = values.user.trim().replace(/^@/, '');
    setUserError(null);
    if (!user) setUserId(undefined);
    else if (UUID.test(user)) setUserId(user);
    else {
      try {
        const found = await utils.admin.users.list.fetch({ query: user, limit: 20 });
        const match = found.items.find((u) => u.username === user.toLowerCase());
        if (!match) {
          setUserError(t('admin.audit.userNotFound', { user }));
          return;
        }
        setUserId(match.id);
      } catch (error) {
        setUserError(errorMessage(error));
        return;
      }
    }
    setFilters(values);
  };

  const events = list.data?.pages.flatMap((page) => page.items) ?? [];
  const perDay = eventsPerDay(events).slice(-CHART_DAYS);
  const dayLabel = new Intl.DateTimeFormat(lng === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

  const body = userError ? (
    <p role="alert" className="vw-inline-error">{userError}</p>
  ) : (
    <AdminTable
      query={list}
      rows={events}
      rowKey={(event) => event.id}
      texts={adminTableTexts(t, 'admin.audit', { paged: true })}
      emptyIcon={<ListIcon />}
      before={
        <BarChart
          title={t('admin.audit.chartTitle')}
          columnHeader={t('admin.audit.day')}
          emptyLabel={t('admin.audit.emptyTitle')}
          series={[
            { key: 'failure', label: t('admin.audit.families.failure'), tone: 'danger' },
            { key: 'success', label: t('admin.audit.families.success'), tone: 'success' },
            { key: 'other', label: t('admin.audit.families.other'), tone: 'muted' },
          ]}
          columns={perDay.map((d) => ({ label: dayLabel.format(new Date(`${d.day}T12:00:00Z`)), values: d.values }))}
        />
      }
      columns={['when', 'event', 'actor', 'subject', 'ip', 'details'].map((key) => ({ label: t(`admin.audit.${key}`) }))}
      row={(event) => (
        <>
          <td className="vw-cell-muted"><time dateTime={event.createdAt}>{formatDate(event.createdAt, lng, true)}</time></td>
          <th scope="row">
            <div>{t(`admin.audit.events.${event.type.replace('.', '_')}`, { defaultValue: event.type })}</div>
            <code className="vw-cell-muted">{event.type}</code>
          </th>
          <td>{event.actor ? `@${event.actor.username}` : <span className="vw-cell-muted">—</span>}</td>
          <td>{event.subject ? `@${event.subject.username}` : <span className="vw-cell-muted">—</span>}</td>
          <td><code>{event.ip ?? '—'}</code></td>
          <td className="vw-cell-muted" title={event.userAgent ?? undefined}>{detailsText(event.details)}</td>
        </>
      )}
    />
  );

  return (
    <>
      <header className="vw-page-header">
        <PageHeading title={t('admin.audit.title')} />
        <p className="vw-page-subtitle">{t('admin.audit.subtitle')}</p>
      </header>
      <AuditFilters initial={filters} onApply={(values) => void apply(values)} busy={list.isFetching && !list.isFetchingNextPage} />
      {body}
    </>
  );
}
