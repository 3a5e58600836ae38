import { Button, Card, Notice, TextField } from '@veza/ui';
import { requestPasswordResetInput } from '@veza/validators';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { useForm } from '../../features/forms/use-form.ts';
import { currentLanguage } from '../../i18n.ts';
import { trpc } from '../../trpc.ts';
import { FormAlert } from './form-alert.tsx';
import './auth.css';

/** `/forgot-password`: asks for a reset link. The answer is the same whether or not an account uses that email. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const request = trpc.account.requestPasswordReset.useMutation();
  const form = useForm({ email: '' }, 'forgotPassword');
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = form.handleSubmit(async () => {
    const input = form.validate(requestPasswordResetInput, t('auth.formError'), (v) => ({ ...v, language: currentLanguage() }));
    if (!input) return;
    try {
      await request.mutateAsync(input);
      setSentTo(input.email);
    } catch (error) {
      form.fail(error);
    }
  });

  return (
    <div className="vw-page vw-page--narrow">
      <header className="vw-page-header">
        <PageHeading title={t('passwordReset.forgotTitle')} />
        <p className="vw-page-subtitle">{t('passwordReset.forgotSubtitle')}</p>
      </header>
      <Card>
        {sentTo ? (
          <Notice tone="success" live="status" title={t('passwordReset.sentTitle')}>
            <p>{t('passwordReset.sentText', { email: sentTo })}</p>
            <Button type="button" variant="ghost" size="sm" onClick={() => setSentTo(null)}>
              {t('passwordReset.tryAnother')}
            </Button>
          </Notice>
        ) : (
          <form onSubmit={submit} noValidate aria-label={t('passwordReset.forgotTitle')}>
            <FormAlert message={form.formError} />
            <TextField label={t('auth.email')} type="email" autoComplete="email" required autoFocus {...form.field('email')} />
            <Button type="submit" loading={request.isPending} className="vw-submit">
              {t('passwordReset.sendLink')}
            </Button>
          </form>
        )}
      </Card>
      <p className="vw-form-footer">
        <Link to="/login">{t('passwordReset.backToLogin')}</Link>
      </p>
    </div>
  );
}
