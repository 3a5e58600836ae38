import { usernameSchema } from '@veza/validators';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { useDebounced } from '../settings/use-debounced.ts';
import './username-availability.css';

/**
 * Live "is this username free?" under the sign-up field: asks `account.usernameAvailable` once typing
 * pauses, only for names the shared schema accepts (the field's own error covers the others).
 */
export function UsernameAvailability({ username }: { username: string }) {
  const { t, i18n } = useTranslation();
  const candidate = useDebounced(username.trim().toLowerCase(), 400);
  const valid = candidate !== '' && usernameSchema.safeParse(candidate).success;
  const check = trpc.account.usernameAvailable.useQuery({ username: candidate }, { enabled: valid, staleTime: 60_000, retry: false });
  const settled = valid && candidate === username.trim().toLowerCase();

  let text: string | null = null;
  let tone: 'ok' | 'bad' | 'pending' = 'pending';
  if (settled && check.isSuccess) {
    if (check.data.available) {
      text = t('signupAvailability.available', { username: candidate });
      tone = 'ok';
    } else {
      const original = check.data.message ?? t('signupAvailability.taken');
      // English shows the server's words; other languages translate by reason.
      text = i18n.resolvedLanguage === 'en' || !check.data.reason ? original : t(`signupAvailability.${check.data.reason}`, { defaultValue: original });
      tone = 'bad';
    }
  } else if (settled && check.isFetching) {
    text = t('signupAvailability.checking');
  }

  return (
    <p className={`vw-availability vw-availability--${tone}`} role="status" data-empty={text ? undefined : ''}>
      {tone === 'ok' && <span aria-hidden="true">✓ </span>}
      {text}
    </p>
  );
}
