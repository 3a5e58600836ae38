import { passkeyNameSchema } from '@veza/validators';
import { Badge, Button, KeyIcon, TextField } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useForm } from '../../../features/forms/use-form.ts';
import { trpc } from '../../../trpc.ts';
import { FormAlert } from '../../auth/form-alert.tsx';
import { formatDate, relativeTime } from '../settings-format.ts';
import type { Passkey } from './passkeys-section.tsx';

const nameForm = z.object({ name: passkeyNameSchema });

/** One passkey: its name (renamed in place), when it was added and last used, whether it syncs across devices. */
export function PasskeyItem({ passkey, onRemove }: { passkey: Passkey; onRemove: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const utils = trpc.useUtils();
  const rename = trpc.passkeys.rename.useMutation();
  const [editing, setEditing] = useState(false);
  const form = useForm({ name: passkey.name }, 'passkeyName');

  const submit = form.handleSubmit(async () => {
    const input = form.validate(nameForm, t('auth.formError'));
    if (!input) return;
    try {
      await rename.mutateAsync({ id: passkey.id, name: input.name });
      await utils.passkeys.list.invalidate();
      setEditing(false);
    } catch (error) {
      form.fail(error);
    }
  });

  return (
    <li className="vw-item-card" data-testid="passkey-item">
      <span className="vw-item-card__icon" aria-hidden="true"><KeyIcon /></span>
      <div>
        {editing ? (
          <form onSubmit={submit} noValidate aria-label={t('passkeys.renameTitle', { name: passkey.name })} className="vw-passkey__rename">
            <FormAlert message={form.formError} />
            <TextField label={t('passkeys.nameLabel')} autoComplete="off" maxLength={80} required autoFocus {...form.field('name')} />
            <div className="vw-form-actions">
              <Button type="submit" size="sm" loading={rename.isPending}>{t('common.save')}</Button>
              <Button
                type="button"
                size="sm"
                variant="ghost"
                onClick={() => {
                  form.setValues({ name: passkey.name });
                  setEditing(false);
                }}
                disabled={rename.isPending}
              >
                {t('common.cancel')}
              </Button>
            </div>
          </form>
        ) : (
          <h3 className="vw-item-card__title">
            {passkey.name}{' '}
            {passkey.backedUp && <Badge tone="info">{t('passkeys.synced')}</Badge>}
          </h3>
        )}
        <ul className="vw-item-card__meta">
          <li>{t('passkeys.createdAt', { date: formatDate(passkey.createdAt, language) })}</li>
          <li>
            {passkey.lastUsedAt ? (
              <time dateTime={passkey.lastUsedAt} title={formatDate(passkey.lastUsedAt, language, true)}>
                {t('passkeys.lastUsed', { when: relativeTime(passkey.lastUsedAt, language) })}
              </time>
            ) : (
              t('passkeys.neverUsed')
            )}
          </li>
        </ul>
      </div>
      {!editing && (
        <div className="vw-item-card__actions">
          <Button type="button" size="sm" variant="secondary" onClick={() => setEditing(true)} aria-label={t('passkeys.renameNamed', { name: passkey.name })}>
            {t('passkeys.rename')}
          </Button>
          <Button type="button" size="sm" variant="ghost" onClick={onRemove} aria-label={t('passkeys.removeNamed', { name: passkey.name })}>
            {t('passkeys.remove')}
          </Button>
        </div>
      )}
    </li>
  );
}
