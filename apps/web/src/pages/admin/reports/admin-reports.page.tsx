import type { RouterInputs, RouterOutputs } from '@veza/api';
import { ShieldIcon, Badge, Button, ErrorState, LoadingState, Notice, Select } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { pushToast } from '../../../stores/toasts.ts';
import { trpc } from '../../../trpc.ts';
import { formatDate } from '../../settings/settings-format.ts';
import { AdminTable, adminTableTexts } from '../admin-table.tsx';
import './admin-reports.css';

type ReportDto = RouterOutputs['admin']['chat']['reports']['items'][number];
type ReportedMessage = RouterOutputs['admin']['chat']['conversation']['items'][number];
type ReportStatus = NonNullable<NonNullable<RouterInputs['admin']['chat']['reports']>['status']>;
type ReportAction = RouterInputs['admin']['chat']['resolveReport']['action'];
type StatusFilter = ReportStatus | 'all';

const PAGE_SIZE = 50;
const STATUSES: StatusFilter[] = ['open', 'dismissed', 'actioned', 'all'];
const STATUS_TONE = { open: 'warning', dismissed: 'neutral', actioned: 'success' } as const;

const who = (user: { username: string } | null, gone: string) => (user ? `@${user.username}` : gone);

function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONE[status]}>{t(`admin.reports.status.${status}`)}</Badge>;
}

/** The room a report comes from: its name, or "Direct message" / "Group" for conversations without one. */
function roomLabel(room: ReportDto['room'], t: (key: string) => string) {
  return room.name ? `#${room.name}` : t(`admin.reports.roomKinds.${room.kind}`);
}

/** `/admin/reports` (admins): the queue of reported chat messages (no message text), newest first. */
export function AdminReportsPage() {
  const [params] = useSearchParams();
  const reportId = params.get('report');
  return reportId ? <ReportConversation reportId={reportId} /> : <ReportQueue />;
}

function ReportQueue() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const [status, setStatus] = useState<StatusFilter>('open');
  const input = { status: status === 'all' ? undefined : status, limit: PAGE_SIZE };
  const list = trpc.admin.chat.reports.useInfiniteQuery(input, { getNextPageParam: (last) => last.nextCursor ?? undefined });
  const reports = list.data?.pages.flatMap((page) => page.items) ?? [];
  const gone = t('admin.reports.deletedAccount');

  const body = (
    <AdminTable
      query={list}
      rows={reports}
      rowKey={(report) => report.id}
      texts={adminTableTexts(t, 'admin.reports', { paged: true })}
      emptyIcon={<ShieldIcon />}
      columns={[
        ...['date', 'reason', 'reporter', 'room', 'statusLabel'].map((key) => ({ label: t(`admin.reports.${key}`) })),
        { label: t('admin.reports.actions'), hidden: true },
      ]}
      row={(report) => (
        <>
          <td className="vw-cell-muted"><time dateTime={report.createdAt}>{formatDate(report.createdAt, lng, true)}</time></td>
          <th scope="row">
            <div>{t(`admin.reports.reasons.${report.reason}`)}</div>
            {report.message.deleted && <div className="vw-cell-muted">{t('admin.reports.messageDeleted')}</div>}
          </th>
          <td>{who(report.reporter, gone)}</td>
          <td>
            <div>{roomLabel(report.room, t)}</div>
            <div className="vw-cell-muted">{t('admin.reports.author', { author: who(report.message.author, gone) })}</div>
          </td>
          <td>
            <ReportStatusBadge status={report.status} />
            {report.resolvedBy && <div className="vw-cell-muted">{t('admin.reports.resolvedBy', { user: who(report.resolvedBy, gone) })}</div>}
          </td>
          <td>
            {report.status === 'open' && (
              <Link className="vz-button vz-button--secondary vz-button--sm" to={`?report=${report.id}`}>
                {t('admin.reports.review')}
                <span className="vz-sr-only"> {t('admin.reports.reviewWhich', { id: report.id })}</span>
              </Link>
            )}
          </td>
        </>
      )}
    />
  );

  return (
    <>
      <header className="vw-page-header">
        <PageHeading title={t('admin.reports.title')} />
        <p className="vw-page-subtitle">{t('admin.reports.subtitle')}</p>
      </header>
      <div className="vw-filters" role="search" aria-label={t('admin.reports.filters')}>
        <Select
          label={t('admin.reports.statusFilter')}
          value={status}
          onChange={(event) => setStatus(event.target.value as StatusFilter)}
          options={STATUSES.map((s) => ({ value: s, label: t(`admin.reports.filter.${s}`) }))}
        />
      </div>
      {body}
    </>
  );
}

/** One message as the admin reads it: highlighted when reported, "edited" with its earlier versions, "deleted" with its kept text. */
function ReportedMessageItem({ message, reported }: { message: ReportedMessage; reported: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const deleted = message.deletedAt !== null;
  const kept = deleted ? message.versions.filter((v) => v.action === 'delete').at(-1) : undefined;
  const edits = message.versions.filter((v) => v.action === 'edit');
  return (
    <li className={`vw-report-msg${reported ? ' vw-report-msg--reported' : ''}`} aria-current={reported ? 'true' : undefined}>
      <div className="vw-report-msg__meta">
        <strong>{who(message.author, t('admin.reports.deletedAccount'))}</strong>
        <time dateTime={message.createdAt}>{formatDate(message.createdAt, lng, true)}</time>
        {reported && <Badge tone="danger">{t('admin.reports.reportedMessage')}</Badge>}
        {deleted && <Badge tone="neutral">{t('admin.reports.deleted')}</Badge>}
        {message.editedAt && !deleted && <Badge tone="info">{t('admin.reports.edited')}</Badge>}
      </div>
      {deleted ? (
        kept ? (
          <p className="vw-report-msg__body vw-report-msg__body--deleted">
            <span className="vz-sr-only">{t('admin.reports.deletedText')} </span>{kept.body}
          </p>
        ) : (
          <p className="vw-report-msg__body vw-cell-muted">{t('admin.reports.deletedNoText')}</p>
        )
      ) : (
        <p className="vw-report-msg__body">{message.kind === 'call' ? t('admin.reports.callSummary') : message.body}</p>
      )}
      {edits.length > 0 && (
        <details className="vw-report-msg__versions">
          <summary>{t('admin.reports.earlierVersions', { count: edits.length })}</summary>
          <ol>
            {edits.map((v) => (
              <li key={`${v.changedAt}-${v.body}`}>
                <span className="vw-cell-muted">
                  {t('admin.reports.versionLine', { date: formatDate(v.changedAt, lng, true), user: who(v.changedBy, t('admin.reports.deletedAccount')) })}
                </span>
                <p className="vw-report-msg__body">{v.body}</p>
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}

interface Extra {
  older: ReportedMessage[];
  newer: ReportedMessage[];
  hasOlder: boolean | null;
  hasNewer: boolean | null;
}

/** `/admin/reports?report=ID`: the conversation around an open report's message (each read audited) and its resolution. */
function ReportConversation({ reportId }: { reportId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const [, setParams] = useSearchParams();
  const utils = trpc.useUtils();
  const page = trpc.admin.chat.conversation.useQuery({ reportId }, { staleTime: Infinity, refetchOnWindowFocus: false, retry: false });
  const [extra, setExtra] = useState<Extra>({ older: [], newer: [], hasOlder: null, hasNewer: null });
  const [paging, setPaging] = useState<'older' | 'newer' | null>(null);
  const [pageError, setPageError] = useState<string | null>(null);
  const [pending, setPending] = useState<ReportAction | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const resolve = trpc.admin.chat.resolveReport.useMutation();
  const back = () => setParams({});
  const gone = t('admin.reports.deletedAccount');

  const messages = page.data ? [...extra.older, ...page.data.items, ...extra.newer] : [];
  const hasOlder = extra.hasOlder ?? page.data?.hasOlder ?? false;
  const hasNewer = extra.hasNewer ?? page.data?.hasNewer ?? false;

  const loadMore = async (direction: 'older' | 'newer') => {
    setPaging(direction);
    setPageError(null);
    try {
      const bound = direction === 'older' ? { beforeSeq: messages[0]?.seq } : { afterSeq: messages.at(-1)?.seq };
      const next = await utils.admin.chat.conversation.fetch({ reportId, ...bound });
      setExtra((e) =>
        direction === 'older'
          ? { ...e, older: [...next.items, ...e.older], hasOlder: next.hasOlder }
          : { ...e, newer: [...e.newer, ...next.items], hasNewer: next.hasNewer },
      );
    } catch (error) {
      setPageError(errorMessage(error));
    } finally {
      setPaging(null);
    }
  };

  const confirm = async () => {
    if (!pending) return;
    setActionError(null);
    try {
      const resolved = await resolve.mutateAsync({ reportId, action: pending });
      // The queue shows the new status at once (every report of the same message closes with it), then refreshes.
      utils.admin.chat.reports.setInfiniteData({ status: 'open', limit: PAGE_SIZE }, (old) =>
        old && { ...old, pages: old.pages.map((p) => ({ ...p, items: p.items.filter((r) => r.message.id !== resolved.message.id) })) },
      );
      void utils.admin.chat.reports.invalidate();
      pushToast({ title: t(pending === 'dismiss' ? 'admin.reports.dismissedToast' : 'admin.reports.deletedToast'), tone: 'success' });
      setPending(null);
      back();
    } catch (error) {
      setActionError(errorMessage(error));
    }
  };

  const report = page.data?.report;
  let body;
  if (page.isPending) body = <LoadingState label={t('admin.reports.loadingConversation')} />;
  else if (page.isError) {
    body = <ErrorState title={t('admin.reports.conversationErrorTitle')} message={errorMessage(page.error)} onRetry={() => void page.refetch()} retryLabel={t('common.retry')} />;
  } else if (report) {
    body = (
      <>
        <dl className="vw-kv">
          <dt>{t('admin.reports.reason')}</dt>
          <dd>{t(`admin.reports.reasons.${report.reason}`)}</dd>
          <dt>{t('admin.reports.reporter')}</dt>
          <dd>{who(report.reporter, gone)}</dd>
          <dt>{t('admin.reports.room')}</dt>
          <dd>{roomLabel(report.room, t)}</dd>
          <dt>{t('admin.reports.date')}</dt>
          <dd><time dateTime={report.createdAt}>{formatDate(report.createdAt, lng, true)}</time></dd>
          {report.note && (
            <>
              <dt>{t('admin.reports.note')}</dt>
              <dd className="vw-report-note">{report.note}</dd>
            </>
          )}
        </dl>
        <section aria-label={t('admin.reports.conversation')} className="vw-report-conversation">
          {hasOlder && (
            <div className="vw-load-more vw-load-more--tight">
              <Button type="button" variant="secondary" size="sm" loading={paging === 'older'} disabled={paging !== null} onClick={() => void loadMore('older')}>
                {t('admin.reports.loadOlder')}
              </Button>
            </div>
          )}
          <ol className="vw-report-msgs">
            {messages.map((m) => <ReportedMessageItem key={m.id} message={m} reported={m.id === report.message.id} />)}
          </ol>
          {hasNewer && (
            <div className="vw-load-more vw-load-more--tight">
              <Button type="button" variant="secondary" size="sm" loading={paging === 'newer'} disabled={paging !== null} onClick={() => void loadMore('newer')}>
                {t('admin.reports.loadNewer')}
              </Button>
            </div>
          )}
          {pageError && <p role="alert" className="vw-inline-error">{pageError}</p>}
        </section>
        <div className="vw-form-actions vw-form-actions--end">
          <Button type="button" variant="secondary" onClick={() => { setActionError(null); setPending('dismiss'); }}>{t('admin.reports.dismiss')}</Button>
          <Button type="button" variant="danger" disabled={report.message.deleted} onClick={() => { setActionError(null); setPending('delete_message'); }}>
            {t('admin.reports.deleteMessage')}
          </Button>
        </div>
      </>
    );
  }

  const dialog = pending === 'delete_message'
    ? { title: t('admin.reports.deleteTitle'), body: t('admin.reports.deleteBody'), confirm: t('admin.reports.deleteMessage') }
    : { title: t('admin.reports.dismissTitle'), body: t('admin.reports.dismissBody'), confirm: t('admin.reports.dismiss') };

  return (
    <>
      <header className="vw-page-header">
        <Link to="/admin/reports" className="vw-report-back">
          {t('admin.reports.back')}
        </Link>
        <PageHeading title={t('admin.reports.conversationTitle')} />
      </header>
      <Notice tone="info" title={t('admin.reports.auditedTitle')}><p>{t('admin.reports.auditedText')}</p></Notice>
      {body}
      <ConfirmDialog
        open={pending !== null}
        title={dialog.title}
        body={dialog.body}
        confirmLabel={dialog.confirm}
        cancelLabel={t('common.cancel')}
        pending={resolve.isPending}
        error={actionError}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      />
    </>
  );
}
