import { passwordSchema } from '@veza/validators';
import { Button, Card, KeyIcon, TextField } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useForm } from '../../../features/forms/use-form.ts';
import { isStepUpCancelled, useStepUp } from '../../../features/step-up/use-step-up.ts';
import { currentLanguage } from '../../../i18n.ts';
import { useSession, type SessionUser } from '../../../stores/session.ts';
import { pushToast } from '../../../stores/toasts.ts';
import { trpc } from '../../../trpc.ts';
import { FormAlert } from '../../auth/form-alert.tsx';

const passwordForm = z
  .object({ newPassword: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The two passwords do not match.' });

/** Change the password, or set one for accounts created with a linked account or a passkey. */
export function PasswordSection({ me }: { me: SessionUser }) {
  const { t } = useTranslation();
  const stepUp = useStepUp();
  const [editing, setEditing] = useState(false);
  const change = trpc.account.changePassword.useMutation();
  const form = useForm({ newPassword: '', confirmPassword: '' }, 'changePassword');
  const setting = !me.hasPassword;

  const submit = form.handleSubmit(async () => {
    const input = form.validate(passwordForm, t('auth.formError'));
    if (!input) return;
    try {
      await stepUp.run(() => change.mutateAsync({ newPassword: input.newPassword, language: currentLanguage() }));
      useSession.getState().update({ hasPassword: true });
      pushToast({ title: setting ? t('account.password.set') : t('account.password.changed'), description: t('account.password.othersSignedOut'), tone: 'success' });
      form.setValues({ newPassword: '', confirmPassword: '' });
      setEditing(false);
    } catch (error) {
      if (!isStepUpCancelled(error)) form.fail(error);
    }
  });

  return (
    <Card title={t('account.password.title')} description={setting ? t('account.password.noneYet') : t('account.password.description')}>
      {editing ? (
        <form onSubmit={submit} noValidate aria-label={setting ? t('account.password.setAction') : t('account.password.changeAction')}>
          <FormAlert message={form.formError} />
          <TextField label={t('account.password.new')} hint={t('auth.passwordHint')} type="password" autoComplete="new-password" required {...form.field('newPassword')} />
          <TextField label={t('account.password.confirm')} type="password" autoComplete="new-password" required {...form.field('confirmPassword')} />
          <div className="vw-form-actions">
            <Button type="submit" loading={change.isPending}>{setting ? t('account.password.setAction') : t('account.password.changeAction')}</Button>
            <Button type="button" variant="ghost" onClick={() => setEditing(false)} disabled={change.isPending}>{t('common.cancel')}</Button>
          </div>
        </form>
      ) : (
        <div className="vw-form-actions">
          <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
            <KeyIcon /> {setting ? t('account.password.setAction') : t('account.password.changeAction')}
          </Button>
        </div>
      )}
    </Card>
  );
}
