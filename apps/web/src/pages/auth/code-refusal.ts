import i18next from 'i18next';
import { reasonOf } from '../../features/step-up/use-step-up.ts';
import { errorInfo, errorMessage } from '../../lib/errors.ts';

/** Where a refused 2FA code is explained: on the code field, or at the top of the form. Never both. */
export interface CodeRefusal {
  field: string | null;
  alert: string | null;
}

export const noRefusal: CodeRefusal = { field: null, alert: null };

/** Reasons that are about the code itself (the server's `data.reason`): said next to the field. */
const CODE_REASONS = new Set(['code_reused', 'wrong_code']);

/**
 * Explains a refused authenticator or recovery code. "Already used" (`code_reused`, e.g. the code that just turned
 * 2FA on) and "wrong" (`wrong_code`) belong to the code field; anything else (expired setup, network) to the form's
 * alert. English shows the server's words; other languages translate by reason.
 */
export function codeRefusal(error: unknown, method: 'totp' | 'recovery', context: string): CodeRefusal {
  const reason = reasonOf(error);
  if (!reason || !CODE_REASONS.has(reason)) return { field: null, alert: errorMessage(error, context) };
  const { message } = errorInfo(error);
  const key = reason === 'wrong_code' && method === 'recovery' ? 'wrong_recovery_code' : reason;
  const text = i18next.resolvedLanguage === 'en' && message ? message : i18next.t(`twoFactor.refused.${key}`);
  return { field: text, alert: null };
}
