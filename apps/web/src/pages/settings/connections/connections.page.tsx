import type { RouterOutputs } from '@veza/api';
import { Badge, Button, EmptyState, ErrorState, LinkIcon, LoadingState, Notice } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { isStepUpCancelled, useStepUp } from '../../../features/step-up/use-step-up.ts';
import { errorMessage } from '../../../lib/errors.ts';
import { pushToast } from '../../../stores/toasts.ts';
import { trpc } from '../../../trpc.ts';
import { formatDate, relativeTime } from '../settings-format.ts';

type Provider = RouterOutputs['oauth']['providers'][number];
type ProviderId = Provider['id'];
type LinkDto = RouterOutputs['oauth']['links'][number];

export const OAUTH_ERROR_CODES = ['state_mismatch', 'denied', 'email_unverified', 'email_in_use', 'already_linked', 'failed'] as const;
type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];
const isOAuthErrorCode = (value: string | null): value is OAuthErrorCode => OAUTH_ERROR_CODES.includes(value as OAuthErrorCode);

/** Brand colours for the provider tiles (the letter is drawn in white on them). */
const BRAND: Record<ProviderId, string> = { discord: '#5865f2', spotify: '#1db954', google: '#4285f4', github: '#24292f' };

/** Where "Connect" goes: the server starts the provider's flow and comes back here. */
export const connectHref = (provider: ProviderId) =>
  `/api/oauth/${provider}/start?${new URLSearchParams({ intent: 'link', next: '/settings/connections' }).toString()}`;

function ProviderTile({ provider }: { provider: Provider }) {
  return (
    <span className="vw-item-card__icon" style={{ background: BRAND[provider.id], color: '#fff', fontWeight: 800 }} aria-hidden="true">
      {provider.name.slice(0, 1)}
    </span>
  );
}

/** `/settings/connections`: sign-in providers linked to the account; connect or disconnect them. */
export function ConnectionsPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const stepUp = useStepUp();
  const utils = trpc.useUtils();
  const [params, setParams] = useSearchParams();
  const providers = trpc.oauth.providers.useQuery();
  const links = trpc.oauth.links.useQuery(undefined, { staleTime: 0 });
  const unlink = trpc.oauth.unlink.useMutation();
  const [disconnecting, setDisconnecting] = useState<Provider | null>(null);
  const [unlinkError, setUnlinkError] = useState<string | null>(null);

  const oauthError = params.get('oauthError');
  const dismissError = () => {
    const next = new URLSearchParams(params);
    next.delete('oauthError');
    setParams(next, { replace: true });
  };

  const confirmUnlink = async () => {
    if (!disconnecting) return;
    setUnlinkError(null);
    try {
      await stepUp.run(() => unlink.mutateAsync({ provider: disconnecting.id }));
      utils.oauth.links.setData(undefined, (old) => old?.filter((l) => l.provider !== disconnecting.id));
      pushToast({ title: t('connections.disconnected', { name: disconnecting.name }), tone: 'success' });
      setDisconnecting(null);
      void utils.oauth.links.invalidate();
    } catch (error) {
      // The server's message (e.g. "last way to sign in") shows in the dialog; a cancelled step-up shows nothing.
      setUnlinkError(isStepUpCancelled(error) ? null : errorMessage(error));
    }
  };

  let body;
  if (providers.isPending || links.isPending) body = <LoadingState label={t('connections.loading')} />;
  else if (providers.isError || links.isError) {
    const error = providers.error ?? links.error;
    body = (
      <ErrorState
        title={t('connections.errorTitle')}
        message={errorMessage(error)}
        onRetry={() => { void providers.refetch(); void links.refetch(); }}
        retryLabel={t('common.retry')}
      />
    );
  } else if (providers.data.length === 0 && links.data.length === 0) {
    body = <EmptyState titleAs="p" icon={<LinkIcon />} title={t('connections.noneTitle')} description={t('connections.noneDescription')} />;
  } else {
    const byProvider = new Map<string, LinkDto>(links.data.map((l) => [l.provider, l]));
    // Linked accounts whose provider is no longer configured still show, so they can be removed.
    const shown: Provider[] = [...providers.data];
    for (const link of links.data) if (!shown.some((p) => p.id === link.provider)) shown.push({ id: link.provider, name: link.provider });
    body = (
      <ul className="vw-list" aria-label={t('connections.listLabel')}>
        {shown.map((provider) => {
          const link = byProvider.get(provider.id);
          return (
            <li key={provider.id} className="vw-item-card" aria-label={provider.name}>
              <ProviderTile provider={provider} />
              <div>
                <h3 className="vw-item-card__title">
                  {provider.name}
                  {link ? <Badge tone="success">{t('connections.connected')}</Badge> : <Badge>{t('connections.notConnected')}</Badge>}
                </h3>
                {link ? (
                  <ul className="vw-item-card__meta">
                    {(link.displayName ?? link.email) && <li>{[link.displayName, link.email].filter(Boolean).join(' · ')}</li>}
                    <li>{t('connections.linkedOn', { date: formatDate(link.createdAt, lng) })}</li>
                    {link.lastUsedAt && <li>{t('connections.lastUsed', { when: relativeTime(link.lastUsedAt, lng) })}</li>}
                  </ul>
                ) : (
                  <p className="vw-item-card__meta">{t('connections.connectHelp', { name: provider.name })}</p>
                )}
              </div>
              <div className="vw-item-card__actions">
                {link ? (
                  <Button type="button" size="sm" variant="secondary" onClick={() => { setUnlinkError(null); setDisconnecting(provider); }}>
                    {t('connections.disconnect')}
                    <span className="vz-sr-only"> {provider.name}</span>
                  </Button>
                ) : (
                  <a className="vz-button vz-button--primary vz-button--sm" href={connectHref(provider.id)}>
                    {t('connections.connect')}
                    <span className="vz-sr-only"> {provider.name}</span>
                  </a>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <>
      <header className="vw-page-header">
        <PageHeading title={t('connections.title')} />
        <p className="vw-page-subtitle">{t('connections.subtitle')}</p>
      </header>
      {oauthError && (
        <Notice
          tone="danger"
          live="alert"
          title={t('connections.errorNotice')}
          action={<Button type="button" size="sm" variant="ghost" onClick={dismissError}>{t('common.dismiss')}</Button>}
        >
          <p>{t(`connections.oauthErrors.${isOAuthErrorCode(oauthError) ? oauthError : 'failed'}`)}</p>
        </Notice>
      )}
      {body}
      <ConfirmDialog
        open={disconnecting !== null}
        title={t('connections.disconnectTitle', { name: disconnecting?.name ?? '' })}
        body={t('connections.disconnectBody', { name: disconnecting?.name ?? '' })}
        confirmLabel={t('connections.disconnect')}
        cancelLabel={t('common.cancel')}
        pending={unlink.isPending}
        error={unlinkError}
        onConfirm={() => void confirmUnlink()}
        onCancel={() => setDisconnecting(null)}
      />
    </>
  );
}
