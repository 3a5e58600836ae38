import { registerInput } from '@veza/validators';
import { Button, Card, TextField } from '@veza/ui';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { useForm } from '../../features/forms/use-form.ts';
import { errorInfo, zodFieldErrors } from '../../lib/errors.ts';
import { safeNext } from '../../features/session/require-auth.tsx';
import { useSessionActions } from '../../features/session/use-session-actions.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import { FormAlert } from './form-alert.tsx';
import { UsernameAvailability } from './username-availability.tsx';

const FIELDS = ['email', 'username', 'password'] as const;
/** The username rule alone, exactly as the server applies it (`registerInput` from @veza/validators). */
const usernameOnly = registerInput.pick({ username: true });

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
  // The username rule, checked when the field is left (before any submit); cleared as soon as it is edited.
  const [usernameRule, setUsernameRule] = useState<string | undefined>();
  // True when the last failure is told by the fields themselves: then the alert does not repeat it (nor outlive it).
  const [toldByFields, setToldByFields] = useState(false);

  const submit = form.handleSubmit(async () => {
    setUsernameRule(undefined);
    const input = form.validate(registerInput, t('auth.formError'));
    if (!input) {
      setToldByFields(true);
      return;
    }
    try {
      await register.mutateAsync(input);
      await completeSignIn();
      void navigate(next, { replace: true });
    } catch (error) {
      const fields = errorInfo(error).fieldErrors ?? {};
      setToldByFields(FIELDS.some((name) => fields[name]?.length));
      form.fail(error);
    }
  });

  const usernameField = form.field('username');
  const usernameError = usernameField.error ?? usernameRule;
  const onUsernameChange = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
    usernameField.onChange(event);
    setUsernameRule(undefined);
  };
  const onUsernameBlur = () => {
    if (!form.values.username.trim()) return;
    const parsed = usernameOnly.safeParse({ username: form.values.username });
    setUsernameRule(parsed.success ? undefined : zodFieldErrors(parsed.error, 'signup').username);
  };

  if (status === 'signed-in' && !register.isPending && !register.isSuccess) return <Navigate to={next} replace />;

  return (
    <div className="vw-page vw-page--narrow">
      <header className="vw-page-header">
        <PageHeading title={t('auth.signupTitle')} />
        <p className="vw-page-subtitle">{t('auth.signupSubtitle')}</p>
      </header>
      <Card>
        <form onSubmit={submit} noValidate aria-label={t('auth.signupTitle')}>
          <FormAlert message={toldByFields ? null : form.formError} />
          <TextField label={t('auth.email')} type="email" autoComplete="email" required {...form.field('email')} />
          <TextField
            label={t('auth.username')}
            hint={t('auth.usernameHint')}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            {...usernameField}
            error={usernameError}
            onChange={onUsernameChange}
            onBlur={onUsernameBlur}
          />
          {!usernameError && <UsernameAvailability username={form.values.username} />}
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
