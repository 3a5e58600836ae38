import type { RouterOutputs } from '@veza/api';
import { passkeyNameSchema } from '@veza/validators';
import { Button, Card, EmptyState, ErrorState, KeyIcon, LoadingState, Notice, TextField } from '@veza/ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { useForm } from '../../../features/forms/use-form.ts';
import { isStepUpCancelled, useStepUp } from '../../../features/step-up/use-step-up.ts';
import { defaultPasskeyName, isBrowserPasskeyError, isPasskeyCancelled, passkeyErrorMessage, passkeysSupported, createPasskey, preloadPasskeys } from '../../../features/step-up/webauthn.ts';
import { errorMessage } from '../../../lib/errors.ts';
import { pushToast } from '../../../stores/toasts.ts';
import { trpc } from '../../../trpc.ts';
import { FormAlert } from '../../auth/form-alert.tsx';
import { PasskeyItem } from './passkey-item.tsx';

export type Passkey = RouterOutputs['passkeys']['list'][number];

const nameForm = z.object({ name: passkeyNameSchema });

/** Passkeys: the list (name, added, last used, synced), add one, rename, remove. */
export function PasskeysSection() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const list = trpc.passkeys.list.useQuery();
  const remove = trpc.passkeys.remove.useMutation();
  const stepUp = useStepUp();
  const [removing, setRemoving] = useState<Passkey | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [supported] = useState(passkeysSupported);
  useEffect(() => {
    if (supported) preloadPasskeys();
  }, [supported]);

  const refresh = () => {
    void utils.passkeys.list.invalidate();
    void utils.mfa.status.invalidate();
  };

  const confirmRemove = async () => {
    const passkey = removing;
    if (!passkey) return;
    setRemoveError(null);
    try {
      await stepUp.run(() => remove.mutateAsync({ id: passkey.id }));
      setRemoving(null);
      refresh();
      pushToast({ title: t('passkeys.removed', { name: passkey.name }), tone: 'success' });
    } catch (error) {
      if (isStepUpCancelled(error)) return;
      setRemoveError(errorMessage(error, 'passkeys'));
    }
  };

  return (
    <Card title={t('passkeys.title')} description={t('passkeys.description')}>
      {list.isPending ? (
        <LoadingState label={t('passkeys.loading')} />
      ) : list.isError ? (
        <ErrorState title={t('passkeys.errorTitle')} message={errorMessage(list.error)} onRetry={() => void list.refetch()} retryLabel={t('common.retry')} />
      ) : list.data.length === 0 ? (
        <EmptyState icon={<KeyIcon />} titleAs="h3" title={t('passkeys.emptyTitle')} description={t('passkeys.emptyText')} />
      ) : (
        <ul className="vw-list" aria-label={t('passkeys.listLabel')}>
          {list.data.map((passkey) => (
            <PasskeyItem key={passkey.id} passkey={passkey} onRemove={() => { setRemoveError(null); setRemoving(passkey); }} />
          ))}
        </ul>
      )}
      {supported ? <AddPasskey onAdded={refresh} /> : <Notice tone="info" title={t('passkeys.unsupportedTitle')} className="vw-security__add">{t('passkeys.unsupportedText')}</Notice>}
      <ConfirmDialog
        open={removing !== null}
        title={t('passkeys.removeTitle')}
        body={t('passkeys.removeBody', { name: removing?.name ?? '' })}
        confirmLabel={t('passkeys.removeConfirm')}
        cancelLabel={t('common.cancel')}
        pending={remove.isPending}
        error={removeError}
        onConfirm={() => void confirmRemove()}
        onCancel={() => setRemoving(null)}
      />
    </Card>
  );
}

/** Names the new passkey (the browser and system by default), then lets the browser create it. */
function AddPasskey({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const stepUp = useStepUp();
  const options = trpc.passkeys.registrationOptions.useMutation();
  const register = trpc.passkeys.register.useMutation();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const form = useForm({ name: '' }, 'passkeyName');
  const [browserError, setBrowserError] = useState<string | null>(null);

  const submit = form.handleSubmit(async () => {
    const input = form.validate(nameForm, t('auth.formError'));
    setBrowserError(null);
    if (!input) return;
    setPending(true);
    try {
      const { challengeId, options: optionsJSON } = await stepUp.run(() => options.mutateAsync());
      const response = await createPasskey(optionsJSON);
      const passkey = await stepUp.run(() => register.mutateAsync({ challengeId, name: input.name, response }));
      pushToast({ title: t('passkeys.added', { name: passkey.name }), tone: 'success' });
      setOpen(false);
      onAdded();
    } catch (error) {
      if (isStepUpCancelled(error) || isPasskeyCancelled(error)) return;
      if (isBrowserPasskeyError(error)) setBrowserError(passkeyErrorMessage(error));
      else form.fail(error);
    } finally {
      setPending(false);
    }
  });

  if (!open) {
    return (
      <div className="vw-form-actions vw-security__add">
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            form.setValues({ name: defaultPasskeyName() });
            setOpen(true);
          }}
        >
          <KeyIcon /> {t('passkeys.add')}
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('passkeys.addTitle')} className="vw-security__add">
      <h3 className="vw-security__subtitle">{t('passkeys.addTitle')}</h3>
      <FormAlert message={browserError ?? form.formError} />
      <TextField label={t('passkeys.nameLabel')} hint={t('passkeys.nameHint')} autoComplete="off" maxLength={80} required autoFocus {...form.field('name')} />
      <div className="vw-form-actions">
        <Button type="submit" loading={pending}>{t('passkeys.create')}</Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)} disabled={pending}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
