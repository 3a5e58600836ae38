import i18next from 'i18next';
import { useCallback, useState, type ChangeEvent } from 'react';
import { errorInfo, errorMessage } from '../../lib/errors.ts';
import { reasonOf } from './use-step-up.ts';

/** Reasons about the code itself (the server's `data.reason`), translated by reason rather than by error code. */
const CODE_REASONS = new Set(['code_reused', 'wrong_code']);

/**
 * What to say when an authenticator or recovery code is refused, once, in the form's alert (the server also names
 * the field; saying it there too would say it twice). "Just used" (`code_reused`, e.g. the code that turned 2FA on)
 * tells to wait for the next code. English shows the server's words; other languages translate by reason.
 */
export function codeRefusalMessage(error: unknown, method: 'totp' | 'recovery', context: string): string {
  const reason = reasonOf(error);
  if (!reason || !CODE_REASONS.has(reason)) return errorMessage(error, context);
  const { message } = errorInfo(error);
  const key = reason === 'wrong_code' && method === 'recovery' ? 'wrong_recovery_code' : reason;
  return i18next.resolvedLanguage === 'en' && message ? message : i18next.t(`twoFactor.refused.${key}`);
}

type FieldChange = ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>;

/**
 * A refused code for a one-code form: said once, in the alert (announced at once), and gone as soon as the code is
 * edited. `clearing(field)` wraps a `useForm` field so typing clears the refusal.
 */
export function useCodeRefusal() {
  const [refusal, setRefusal] = useState<string | null>(null);
  const refuse = useCallback((error: unknown, method: 'totp' | 'recovery', context: string) => setRefusal(codeRefusalMessage(error, method, context)), []);
  const clear = useCallback(() => setRefusal(null), []);
  const clearing = <F extends { onChange: (event: FieldChange) => void }>(field: F): F => ({
    ...field,
    onChange: (event: FieldChange) => {
      field.onChange(event);
      setRefusal(null);
    },
  });
  return { refusal, refuse, clear, clearing };
}
