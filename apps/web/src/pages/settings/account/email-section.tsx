import { emailSchema } from '@veza/validators';
import { Badge, Button, Card, MailIcon, Notice, TextField } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useForm } from '../../../features/forms/use-form.ts';
import { isStepUpCancelled, useStepUp } from '../../../features/step-up/use-step-up.ts';
import { currentLanguage } from '../../../i18n.ts';
import { errorMessage } from '../../../lib/errors.ts';
import type { SessionUser } from '../../../stores/session.ts';
import { trpc } from '../../../trpc.ts';
import { FormAlert } from '../../auth/form-alert.tsx';

const changeEmailForm = z.object({ email: emailSchema });

/** Username, email with its verification state, resend the verification mail, change the email. */
export function EmailSection({ me }: { me: SessionUser }) {
  const { t } = useTranslation();
  const stepUp = useStepUp();
  const [editing, setEditing] = useState(false);
  const [pendingEmail, setPendingEmail] = useState<string | null>(null);
  const [verificationSent, setVerificationSent] = useState(false);
  const change = trpc.account.changeEmail.useMutation();
  const resend = trpc.account.sendVerification.useMutation({ onSuccess: () => setVerificationSent(true) });
  const form = useForm({ email: '' }, 'changeEmail');

  const submit = form.handleSubmit(async () => {
    const input = form.validate(changeEmailForm, t('auth.formError'));
    if (!input) return;
    try {
      const result = await stepUp.run(() => change.mutateAsync({ email: input.email, language: currentLanguage() }));
      setPendingEmail(result.pendingEmail);
      setEditing(false);
      form.setValues({ email: '' });
    } catch (error) {
      if (!isStepUpCancelled(error)) form.fail(error);
    }
  });

  return (
    <Card title={t('account.email.title')} description={t('account.email.description')}>
      <dl className="vw-kv">
        <dt>{t('account.username')}</dt>
        <dd>@{me.username}</dd>
        <dt>{t('account.email.current')}</dt>
        <dd className="vw-row">
          <span>{me.email}</span>
          {me.emailVerified ? (
            <Badge tone="success">{t('account.email.verified')}</Badge>
          ) : (
            <Badge tone="warning">{t('account.email.unverified')}</Badge>
          )}
        </dd>
      </dl>

      {pendingEmail && (
        <Notice tone="info" live="status" title={t('account.email.checkInbox', { email: pendingEmail })}>
          <p>{t('account.email.checkInboxHelp')}</p>
        </Notice>
      )}

      {!me.emailVerified && (
        verificationSent ? (
          <Notice tone="info" live="status" title={t('account.email.verificationSent', { email: me.email })}>
            <p>{t('account.email.verificationSentHelp')}</p>
          </Notice>
        ) : (
          <div className="vw-row">
            <p className="vw-muted" style={{ margin: 0 }}>{t('account.email.unverifiedHelp')}</p>
            <Button type="button" size="sm" variant="secondary" loading={resend.isPending} onClick={() => resend.mutate({ language: currentLanguage() })}>
              {t('account.email.resend')}
            </Button>
            {resend.isError && <p role="alert" className="vw-inline-error">{errorMessage(resend.error)}</p>}
          </div>
        )
      )}

      {editing ? (
        <form onSubmit={submit} noValidate aria-label={t('account.email.change')} className="vw-section">
          <FormAlert message={form.formError} />
          <TextField label={t('account.email.new')} hint={t('account.email.newHint')} type="email" autoComplete="email" required {...form.field('email')} />
          <div className="vw-form-actions">
            <Button type="submit" loading={change.isPending}>{t('account.email.send')}</Button>
            <Button type="button" variant="ghost" onClick={() => setEditing(false)} disabled={change.isPending}>{t('common.cancel')}</Button>
          </div>
        </form>
      ) : (
        <div className="vw-form-actions">
          <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
            <MailIcon /> {t('account.email.change')}
          </Button>
        </div>
      )}
    </Card>
  );
}
