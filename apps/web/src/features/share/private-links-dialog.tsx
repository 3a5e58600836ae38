import type { CreatedShareDto, ShareLinkDto, TrackDto } from '@veza/api';
import { Badge, Button, LoadingState } from '@veza/ui';
import { SHARE_LABEL_MAX_LENGTH } from '@veza/validators';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { localeOf } from '../../i18n.ts';
import { errorMessage } from '../../lib/errors.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { copyText } from './share-model.ts';
import { EXPIRY_CHOICES, expiryFromDays, shareCreateRefusal } from './share-refusals.ts';

const TONES = { active: 'success', expired: 'neutral', revoked: 'danger' } as const;

/** The link just made: shown once, to copy. */
function NewLink({ created }: { created: CreatedShareDto }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const ok = await copyText(created.url);
    setCopied(ok);
    pushToast({ id: `share-link-${created.id}`, title: ok ? t('share.copied') : t('share.copyFailed'), tone: ok ? 'success' : 'error' });
  };
  return (
    <div className="vw-share-links__new" role="status">
      <p className="vz-field__label" id={`${id}-label`}>{t('share.links.newLink')}</p>
      <p className="vw-muted" id={`${id}-once`}>{t('share.links.once')}</p>
      <div className="vw-share-links__copy">
        <input className="vz-input" readOnly value={created.url} aria-labelledby={`${id}-label`} aria-describedby={`${id}-once`} onFocus={(e) => e.currentTarget.select()} />
        <Button type="button" size="sm" onClick={() => void copy()}>{copied ? t('share.copiedShort') : t('share.copy')}</Button>
      </div>
    </div>
  );
}

function LinkRow({ link, onRevoke, revoking }: { link: ShareLinkDto; onRevoke: (link: ShareLinkDto, name: string) => void; revoking: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.resolvedLanguage ?? 'en');
  const date = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const name = link.label ?? t('share.links.unlabelled', { date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(link.createdAt)) });
  const when =
    link.status === 'revoked' && link.revokedAt
      ? t('share.links.revokedOn', { date: date(link.revokedAt) })
      : link.expiresAt
        ? t(link.status === 'expired' ? 'share.links.expired' : 'share.links.expires', { date: date(link.expiresAt) })
        : t('share.links.noExpiry');
  return (
    <li className={`vw-share-links__row vw-share-links__row--${link.status}`}>
      <span className="vw-share-links__main">
        <span className="vw-share-links__name">{name}</span>
        <span className="vw-muted vw-share-links__facts">
          <Badge tone={TONES[link.status]}>{t(`share.links.status.${link.status}`)}</Badge> {when} · {t('share.links.uses', { count: link.useCount })}
        </span>
      </span>
      {link.status === 'active' && (
        <Button type="button" size="sm" variant="secondary" loading={revoking} aria-label={t('share.links.revokeName', { name })} onClick={() => onRevoke(link, name)}>
          {t('share.links.revoke')}
        </Button>
      )}
    </li>
  );
}

/** The dialog's content: the form making a link, the new link once, the list with each link's state. */
function PrivateLinksPanel({ track, describedBy }: { track: TrackDto; describedBy: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const utils = trpc.useUtils();
  const [label, setLabel] = useState('');
  const [days, setDays] = useState<string>('never');
  const [confirm, setConfirm] = useState<{ link: ShareLinkDto; name: string } | null>(null);
  const links = trpc.shares.list.useQuery({ trackId: track.id });
  // Settled either way: a refusal at the limit means the list (and what is left) changed elsewhere.
  const create = trpc.shares.create.useMutation({ onSettled: () => void utils.shares.list.invalidate({ trackId: track.id }) });
  const revoke = trpc.shares.revoke.useMutation({
    onSuccess: () => {
      setConfirm(null);
      pushToast({ id: `share-revoked-${track.id}`, title: t('share.links.revoked'), tone: 'success' });
      void utils.shares.list.invalidate({ trackId: track.id });
    },
  });
  const full = links.data?.remaining === 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending || full) return;
    const expiresAt = expiryFromDays(days === 'never' ? null : Number(days));
    create.mutate({ trackId: track.id, ...(label.trim() ? { label: label.trim() } : {}), ...(expiresAt ? { expiresAt } : {}) });
  };

  return (
    <div className="vw-share-links">
      <p id={describedBy} className="vw-muted">{t('share.links.text')}</p>
      <form className="vw-share-links__form" onSubmit={submit} noValidate>
        <div className="vz-field">
          <label className="vz-field__label" htmlFor={`${id}-label`}>{t('share.links.label')}</label>
          <input id={`${id}-label`} className="vz-input" maxLength={SHARE_LABEL_MAX_LENGTH} value={label} onChange={(e) => setLabel(e.target.value)} aria-describedby={`${id}-label-hint`} data-autofocus />
          <p id={`${id}-label-hint`} className="vz-field__hint">{t('share.links.labelHint')}</p>
        </div>
        <div className="vz-field">
          <label className="vz-field__label" htmlFor={`${id}-expiry`}>{t('share.links.expiry')}</label>
          <select id={`${id}-expiry`} className="vz-input" value={days} onChange={(e) => setDays(e.target.value)}>
            {EXPIRY_CHOICES.map((d) => (
              <option key={d ?? 'never'} value={d ?? 'never'}>{d === null ? t('share.links.never') : t('share.links.days', { count: d })}</option>
            ))}
          </select>
        </div>
        {create.isError && <p role="alert" className="vw-inline-error">{shareCreateRefusal(create.error, t, i18n.resolvedLanguage)}</p>}
        {full && <p className="vw-inline-error">{t('share.links.limit')}</p>}
        <div className="vw-form-actions">
          <Button type="submit" loading={create.isPending} disabled={full}>{t('share.links.create')}</Button>
        </div>
      </form>
      {create.data && <NewLink key={create.data.id} created={create.data} />}

      <h3 className="vw-share-links__title">{t('share.links.listTitle')}</h3>
      {links.isPending ? (
        <LoadingState label={t('share.links.loading')} />
      ) : links.isError ? (
        <div role="alert" className="vw-share__problem">
          <p className="vw-inline-error">{t('share.links.error')} {errorMessage(links.error)}</p>
          <Button type="button" size="sm" variant="secondary" onClick={() => void links.refetch()}>{t('share.links.retry')}</Button>
        </div>
      ) : links.data.items.length === 0 ? (
        <p className="vw-muted">{t('share.links.empty')}</p>
      ) : (
        <>
          {!full && <p className="vw-muted">{t('share.links.remaining', { count: links.data.remaining })}</p>}
          <ul className="vw-share-links__list">
            {links.data.items.map((link) => (
              <LinkRow key={link.id} link={link} revoking={revoke.isPending && revoke.variables?.id === link.id} onRevoke={(l, name) => { revoke.reset(); setConfirm({ link: l, name }); }} />
            ))}
          </ul>
        </>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={t('share.links.revokeTitle')}
        body={t('share.links.revokeBody', { name: confirm?.name ?? '' })}
        confirmLabel={t('share.links.revokeConfirm')}
        cancelLabel={t('common.cancel')}
        pending={revoke.isPending}
        error={revoke.isError ? errorMessage(revoke.error) : null}
        onConfirm={() => confirm && revoke.mutate({ id: confirm.link.id })}
        onCancel={() => setConfirm(null)}
      />
    </div>
  );
}

/** "Private links…" (the owner's): make a link (label, expiry) shown once to copy, see each link's state, revoke one. */
export function PrivateLinksDialog({ track, open, onClose }: { track: TrackDto; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      open={open}
      title={t('share.links.title', { title: track.title })}
      onClose={onClose}
      describedBy
      className="vw-share-dialog"
      headExtra={<Button type="button" size="sm" variant="ghost" onClick={onClose}>{t('share.close')}</Button>}
    >
      {({ describedBy }) => <PrivateLinksPanel track={track} describedBy={describedBy} />}
    </ModalDialog>
  );
}
