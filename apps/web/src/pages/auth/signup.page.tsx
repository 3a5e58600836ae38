import { registerInput } from '@veza/validators';
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
import { UsernameAvailability } from './username-availability.tsx';

/** `/signup`: email, username, password; signed in straight away. */
export function SignupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { search } = useLocation();
  const next = safeNext(search);
  const status = useSession((s) => s.status);
  const register = trpc.auth.register.useMutation();
  const { completeSignIn } = useSessionActions();
  const form = useForm({ email: '', username: '', password: '' }, 'signup');

  const submit = form.handleSubmit(async () => {
    const input = form.validate(registerInput, t('auth.formError'));
    if (!input) return;
    try {
      await register.mutateAsync(input);
      await completeSignIn();
      void navigate(next, { replace: true });
    } catch (error) {
      form.fail(error);
    }
  });

  if (status === 'signed-in' && !register.isPending && !register.isSuccess) return <Navigate to={next} replace />;

  return (
    <div className="vw-page vw-page--narrow">
      <header className="vw-page-header">
        <PageHeading title={t('auth.signupTitle')} />
        <p className="vw-page-subtitle">{t('auth.signupSubtitle')}</p>
      </header>
      <Card>
        <form onSubmit={submit} noValidate aria-label={t('auth.signupTitle')}>
          <FormAlert message={form.formError} />
          <TextField label={t('auth.email')} type="email" autoComplete="email" required {...form.field('email')} />
          <TextField
            label={t('auth.username')}
            hint={t('auth.usernameHint')}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            {...form.field('username')}
          />
          {!form.errors.username && <UsernameAvailability username={form.values.username} />}
          <TextField label={t('auth.password')} hint={t('auth.passwordHint')} type="password" autoComplete="new-password" required {...form.field('password')} />
          <Button type="submit" loading={register.isPending} className="vw-submit">
            {t('auth.signupSubmit')}
          </Button>
        </form>
      </Card>
      <p className="vw-form-footer">
        {t('auth.haveAccount')} <Link to={`/login${search}`}>{t('auth.loginLink')}</Link>
      </p>
    </div>
  );
}
