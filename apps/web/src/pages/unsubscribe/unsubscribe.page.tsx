import { Button, ErrorState, Notice } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';
import './unsubscribe.css';

/** What an unsubscribe link can stop (as the API names them): a notification kind's mails, or the digest. */
const KINDS = ['likes', 'reposts', 'follows', 'follow_requests', 'comments', 'mentions', 'invites', 'processing', 'security', 'digest'] as const;
type MailKind = (typeof KINDS)[number];

/** The kind a token names (`u1.<user>.<kind|digest>.email.<expires>.<mac>`), to ask before acting; the server checks it. */
export function kindOfToken(token: string): MailKind | null {
  const kind = token.split('.')[2];
  return (KINDS as readonly string[]).includes(kind ?? '') ? (kind as MailKind) : null;
}

/**
 * `/unsubscribe?token=…`, the link at the bottom of a notification mail or digest: says which emails it stops and asks first
 * (mail scanners open links; only the click acts), then turns that kind of email off, signed in or not. Mail clients
 * that support one-click unsubscribe (RFC 8058) POST to the server directly instead.
 */
export function UnsubscribePage() {
  const { t } = useTranslation();
  const token = new URLSearchParams(useLocation().search).get('token') ?? '';
  const unsubscribe = trpc.notifications.unsubscribe.useMutation();
  const kind = unsubscribe.data?.kind ?? kindOfToken(token);
  const what = t(`unsubscribe.kinds.${kind ?? 'other'}`);
  // The digest is one email about everything unread, not emails about one kind: its own sentences.
  const digest = kind === 'digest';
  const home = (
    <Link className="vz-button vz-button--secondary" to="/">
      {t('unsubscribe.home')}
    </Link>
  );

  return (
    <div className="vw-page vw-page--narrow">
      <header className="vw-page-header">
        <PageHeading title={t('unsubscribe.title')} />
      </header>
      {!token ? (
        <ErrorState title={t('unsubscribe.missingTitle')} message={t('unsubscribe.missingText')} />
      ) : unsubscribe.isSuccess ? (
        <Notice tone="success" live="status" title={t('unsubscribe.doneTitle')} action={home}>
          {digest ? t('unsubscribe.digestDoneText') : t('unsubscribe.doneText', { what })}
        </Notice>
      ) : (
        <section className="vw-unsubscribe" aria-labelledby="unsubscribe-question">
          <p id="unsubscribe-question">{digest ? t('unsubscribe.digestAsk') : t('unsubscribe.ask', { what })}</p>
          <p className="vw-muted">{t('unsubscribe.explain')}</p>
          {unsubscribe.isError && <ErrorState title={t('unsubscribe.failedTitle')} message={errorMessage(unsubscribe.error, 'unsubscribe')} />}
          <Button type="button" loading={unsubscribe.isPending} onClick={() => unsubscribe.mutate({ token })}>
            {t('unsubscribe.confirm')}
          </Button>
        </section>
      )}
    </div>
  );
}
