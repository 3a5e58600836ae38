import { Button, KeyIcon } from '@veza/ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isBrowserPasskeyError, isPasskeyCancelled, passkeyErrorMessage, authenticateWithPasskey, preloadPasskeys } from '../../features/step-up/webauthn.ts';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';

interface PasskeySignInProps {
  /** The cookies are set: finish signing in. */
  onSignedIn: () => Promise<void>;
  /** A message for the form's alert (null clears it). */
  onError: (message: string | null) => void;
  disabled?: boolean;
}

/** "Sign in with a passkey": a discoverable credential, no username needed. Render it only where WebAuthn is available. */
export function PasskeySignIn({ onSignedIn, onError, disabled }: PasskeySignInProps) {
  const { t } = useTranslation();
  const options = trpc.passkeys.loginOptions.useMutation();
  const login = trpc.passkeys.login.useMutation();
  const [pending, setPending] = useState(false);
  useEffect(preloadPasskeys, []);

  const signIn = async () => {
    setPending(true);
    onError(null);
    try {
      const { challengeId, options: optionsJSON } = await options.mutateAsync();
      const response = await authenticateWithPasskey(optionsJSON);
      await login.mutateAsync({ challengeId, response });
      await onSignedIn();
    } catch (error) {
      if (isPasskeyCancelled(error)) onError(null);
      else onError(isBrowserPasskeyError(error) ? passkeyErrorMessage(error) : errorMessage(error, 'passkeyLogin'));
    } finally {
      setPending(false);
    }
  };

  return (
    <Button type="button" variant="secondary" className="vw-submit vw-auth-alt" onClick={() => void signIn()} loading={pending} disabled={disabled}>
      <KeyIcon aria-hidden="true" className="vw-auth-alt__icon" />
      {t('passkeys.signIn')}
    </Button>
  );
}
