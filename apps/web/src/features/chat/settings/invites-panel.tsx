import { Button, LoadingState } from '@veza/ui';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors.ts';
import { trpc } from '../../../trpc.ts';
import { durationLabel, INVITE_EXPIRIES } from './settings-options.ts';

/** Creates invite links (the link is shown once, to copy), lists them and revokes them. */
export function InvitesPanel({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const utils = trpc.useUtils();
  const [expiry, setExpiry] = useState<string>('86400');
  const [maxUses, setMaxUses] = useState('');
  const [copied, setCopied] = useState(false);
  const invites = trpc.chat.invites.list.useQuery({ roomId });
  const create = trpc.chat.invites.create.useMutation({ onSuccess: () => void utils.chat.invites.list.invalidate({ roomId }) });
  const revoke = trpc.chat.invites.revoke.useMutation({ onSuccess: () => void utils.chat.invites.list.invalidate({ roomId }) });
  const link = create.data ? new URL(create.data.path, window.location.origin).toString() : null;
  const uses = maxUses.trim() === '' ? undefined : Number(maxUses);
  const usesInvalid = uses !== undefined && (!Number.isInteger(uses) || uses < 1);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (usesInvalid) return;
    setCopied(false);
    create.mutate({ roomId, ...(expiry === 'never' ? {} : { expiresInSeconds: Number(expiry) }), ...(uses === undefined ? {} : { maxUses: uses }) });
  };
  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div>
      <form className="vw-form" onSubmit={submit}>
        <label htmlFor={`${id}-expiry`}>{t('chat2.invites.expiry')}</label>
        <select id={`${id}-expiry`} className="vz-input" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
          {INVITE_EXPIRIES.map((s) => (
            <option key={s ?? 'never'} value={s ?? 'never'}>{s === null ? t('chat2.invites.never') : durationLabel(t, s)}</option>
          ))}
        </select>
        <label htmlFor={`${id}-uses`}>{t('chat2.invites.maxUses')}</label>
        <input id={`${id}-uses`} className="vz-input" inputMode="numeric" value={maxUses} placeholder={t('chat2.invites.unlimited')} onChange={(e) => setMaxUses(e.target.value)} aria-invalid={usesInvalid} aria-describedby={usesInvalid ? `${id}-uses-error` : undefined} />
        {usesInvalid && <p id={`${id}-uses-error`} className="vw-inline-error">{t('chat2.invites.usesInvalid')}</p>}
        {create.error && <p role="alert" className="vw-inline-error">{errorMessage(create.error)}</p>}
        <div className="vw-form-actions">
          <Button type="submit" loading={create.isPending}>{t('chat2.invites.create')}</Button>
        </div>
      </form>
      {link && (
        <div className="vw-invite-link" role="status">
          <p>{t('chat2.invites.once')}</p>
          <input className="vz-input" readOnly value={link} aria-label={t('chat2.invites.link')} onFocus={(e) => e.currentTarget.select()} />
          <Button type="button" size="sm" variant="secondary" onClick={() => void copy()}>{copied ? t('chat2.invites.copied') : t('chat2.invites.copy')}</Button>
        </div>
      )}
      <h3>{t('chat2.invites.listTitle')}</h3>
      {invites.isPending ? (
        <LoadingState label={t('chat2.invites.loading')} />
      ) : invites.isError ? (
        <p role="alert" className="vw-inline-error">{errorMessage(invites.error)}</p>
      ) : invites.data.length === 0 ? (
        <p className="vw-muted">{t('chat2.invites.empty')}</p>
      ) : (
        <>
          {revoke.error && <p role="alert" className="vw-inline-error">{errorMessage(revoke.error)}</p>}
          <ul className="vw-settings-list">
            {invites.data.map((inv) => (
              <li key={inv.id} className="vw-settings-row">
                <span className="vw-settings-row__main">
                  {t('chat2.invites.summary', { uses: inv.uses, max: inv.maxUses ?? '∞' })}
                  <br />
                  <span className="vw-muted">
                    {inv.revokedAt ? t('chat2.invites.revoked') : !inv.active ? t('chat2.invites.inactive') : inv.expiresAt ? t('chat2.invites.expires', { date: new Date(inv.expiresAt).toLocaleString() }) : t('chat2.invites.never')}
                  </span>
                </span>
                {inv.active && (
                  <Button type="button" size="sm" variant="secondary" loading={revoke.isPending && revoke.variables?.inviteId === inv.id} onClick={() => revoke.mutate({ inviteId: inv.id })}>
                    {t('chat2.invites.revoke')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
