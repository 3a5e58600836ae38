import type { RouterOutputs } from '@veza/api';
import { Button, Card, EmptyState, ErrorState, LoadingState, MailIcon, Notice } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/page-heading.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { trpc } from '../../../trpc.ts';
import { formatDate } from '../../settings/settings-format.ts';

type DevMail = RouterOutputs['devMailbox']['list']['items'][number];

/** Every http(s) link in a mail's text, once each, in order (a sentence's final punctuation is not part of it). */
export function linksIn(text: string): string[] {
  const found = (text.match(/https?:\/\/[^\s<>"')]+/g) ?? []).map((url) => url.replace(/[.,;:!?]+$/, ''));
  return [...new Set(found)];
}

function MailView({ mail }: { mail: DevMail }) {
  const { t, i18n } = useTranslation();
  const links = linksIn(mail.text);
  return (
    <Card title={mail.subject} aria-live="polite">
      <dl className="vw-kv">
        <dt>{t('admin.mailbox.to')}</dt>
        <dd>{mail.to}</dd>
        <dt>{t('admin.mailbox.date')}</dt>
        <dd>{formatDate(mail.createdAt, i18n.resolvedLanguage ?? 'en', true)}</dd>
      </dl>
      {links.length > 0 && (
        <section aria-label={t('admin.mailbox.links')} className="vw-section" style={{ marginTop: 0, marginBottom: '1rem' }}>
          <h3 className="vw-section-title" style={{ fontSize: '1rem', marginBottom: '0.5rem' }}>{t('admin.mailbox.links')}</h3>
          <ul className="vw-list" style={{ gap: '0.35rem' }}>
            {links.map((href) => (
              <li key={href}><a href={href} style={{ overflowWrap: 'anywhere' }}>{href}</a></li>
            ))}
          </ul>
        </section>
      )}
      <pre className="vw-mail-text">{mail.text}</pre>
    </Card>
  );
}

/** `/admin/mailbox` (admins): mails Veza sent while no SMTP server is configured (development and tests). */
export function AdminMailboxPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const [openId, setOpenId] = useState<string | null>(null);
  const list = trpc.devMailbox.list.useInfiniteQuery({}, { getNextPageParam: (last) => last.nextCursor ?? undefined, staleTime: 0 });
  const mails = list.data?.pages.flatMap((page) => page.items) ?? [];
  const enabled = list.data?.pages[0]?.enabled ?? true;
  const open = mails.find((m) => m.id === openId) ?? null;

  let body;
  if (list.isPending) body = <LoadingState label={t('admin.mailbox.loading')} />;
  else if (list.isError) body = <ErrorState title={t('admin.mailbox.errorTitle')} message={errorMessage(list.error)} onRetry={() => void list.refetch()} retryLabel={t('common.retry')} />;
  else if (!enabled) body = <Notice tone="info" title={t('admin.mailbox.disabledTitle')}><p>{t('admin.mailbox.disabledText')}</p></Notice>;
  else if (mails.length === 0) body = <EmptyState titleAs="p" icon={<MailIcon />} title={t('admin.mailbox.emptyTitle')} description={t('admin.mailbox.emptyDescription')} />;
  else {
    body = (
      <div className="vw-mailbox">
        <div>
          <ul className="vw-mail-list" aria-label={t('admin.mailbox.listLabel')}>
            {mails.map((mail) => (
              <li key={mail.id}>
                <button type="button" aria-current={mail.id === openId ? 'true' : undefined} onClick={() => setOpenId(mail.id)}>
                  <span className="vw-mail-list__subject">{mail.subject}</span>
                  <span className="vw-mail-list__meta">{t('admin.mailbox.toLine', { to: mail.to })}</span>
                  <span className="vw-mail-list__meta">{formatDate(mail.createdAt, lng, true)}</span>
                </button>
              </li>
            ))}
          </ul>
          {list.hasNextPage && (
            <div className="vw-load-more">
              <Button type="button" variant="secondary" size="sm" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t('admin.mailbox.loadMore')}
              </Button>
            </div>
          )}
        </div>
        {open ? <MailView mail={open} /> : <EmptyState titleAs="p" icon={<MailIcon />} title={t('admin.mailbox.pick')} />}
      </div>
    );
  }

  return (
    <>
      <header className="vw-page-header vw-row vw-row--between">
        <div>
          <PageHeading title={t('admin.mailbox.title')} />
          <p className="vw-page-subtitle">{t('admin.mailbox.subtitle')}</p>
        </div>
        <Button type="button" size="sm" variant="secondary" loading={list.isRefetching} onClick={() => void list.refetch()}>{t('admin.mailbox.refresh')}</Button>
      </header>
      {body}
    </>
  );
}
