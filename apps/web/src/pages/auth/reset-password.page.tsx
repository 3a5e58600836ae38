import { Button, Card, EmptyState, TextField } from '@veza/ui';
import { passwordSchema } from '@veza/validators';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { z } from 'zod';
import { PageHeading } from '../../components/page-heading.tsx';
import { useForm } from '../../features/forms/use-form.ts';
import { useSession } from '../../stores/session.ts';
import { currentLanguage } from '../../i18n.ts';
import { trpc } from '../../trpc.ts';
import { FormAlert } from './form-alert.tsx';
import './auth.css';

const resetForm = z
  .object({ password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords do not match.' });

/** `/reset-password?token=…` from the emailed link: a new password (typed twice), then to /login. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = new URLSearchParams(useLocation().search).get('token') ?? '';
  const reset = trpc.account.resetPassword.useMutation();
  const form = useForm({ password: '', confirm: '' }, 'resetPassword');

  const submit = form.handleSubmit(async () => {
    const input = form.validate(resetForm, t('auth.formError'));
    if (!input) return;
    try {
      await reset.mutateAsync({ token, password: input.password, language: currentLanguage() });
      // Every session was revoked, this one included.
      useSession.getState().signOut();
      void navigate('/login?notice=password_reset', { replace: true });
    } catch (error) {
      form.fail(error);
    }
  });

  if (!token) {
    return (
      <div className="vw-page vw-page--narrow">
        <PageHeading title={t('passwordReset.resetTitle')} />
        <EmptyState
          icon={null}
          title={t('passwordReset.missingToken')}
          description={t('passwordReset.missingTokenText')}
          action={<Link className="vz-button vz-button--primary vz-button--md" to="/forgot-password">{t('passwordReset.requestNew')}</Link>}
        />
      </div>
    );
  }

  return (
    <div className="vw-page vw-page--narrow">
      <header className="vw-page-header">
        <PageHeading title={t('passwordReset.resetTitle')} />
        <p className="vw-page-subtitle">{t('passwordReset.resetSubtitle')}</p>
      </header>
      <Card>
        <form onSubmit={submit} noValidate aria-label={t('passwordReset.resetTitle')}>
          <FormAlert message={form.formError} />
          <TextField label={t('passwordReset.newPassword')} hint={t('auth.passwordHint')} type="password" autoComplete="new-password" required autoFocus {...form.field('password')} />
          <TextField label={t('passwordReset.confirmPassword')} type="password" autoComplete="new-password" required {...form.field('confirm')} />
          <Button type="submit" loading={reset.isPending} className="vw-submit">
            {t('passwordReset.resetSubmit')}
          </Button>
        </form>
      </Card>
      <p className="vw-form-footer">
        <Link to="/forgot-password">{t('passwordReset.requestNew')}</Link>
      </p>
    </div>
  );
}
