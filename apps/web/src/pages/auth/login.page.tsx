import { loginInput } from '@veza/validators';
import { Button, Card, TextField } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { useForm } from '../../features/forms/use-form.ts';
import { safeNext } from '../../features/session/require-auth.tsx';
import { useSessionActions } from '../../features/session/use-session-actions.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import { FormAlert } from './form-alert.tsx';

/** `/login`: email or username + password, then back to `?next=` (or home). */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { search } = useLocation();
  const next = safeNext(search);
  const status = useSession((s) => s.status);
  const login = trpc.auth.login.useMutation();
  const { completeSignIn } = useSessionActions();
  const form = useForm({ login: '', password: '' }, 'login');

  const submit = form.handleSubmit(async () => {
    const input = form.validate(loginInput, t('auth.formError'));
    if (!input) return;
    try {
      await login.mutateAsync(input);
      await completeSignIn();
      void navigate(next, { replace: true });
    } catch (error) {
      form.fail(error);
    }
  });

  if (status === 'signed-in' && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  return (
    <div className="vw-page vw-page--narrow">
      <header className="vw-page-header">
        <PageHeading title={t('auth.loginTitle')} />
        <p className="vw-page-subtitle">{t('auth.loginSubtitle')}</p>
      </header>
      <Card>
        <form onSubmit={submit} noValidate aria-label={t('auth.loginTitle')}>
          <FormAlert message={form.formError} />
          <TextField label={t('auth.loginField')} autoComplete="username" autoCapitalize="none" spellCheck={false} required {...form.field('login')} />
          <TextField label={t('auth.password')} type="password" autoComplete="current-password" required {...form.field('password')} />
          <Button type="submit" loading={login.isPending} className="vw-submit">
            {t('auth.loginSubmit')}
          </Button>
        </form>
      </Card>
      <p className="vw-form-footer">
        {t('auth.noAccount')} <Link to={`/signup${search}`}>{t('auth.signupLink')}</Link>
      </p>
    </div>
  );
}
