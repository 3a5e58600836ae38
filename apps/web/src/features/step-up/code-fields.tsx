import { TextField, type TextInputProps } from '@veza/ui';
import { useTranslation } from 'react-i18next';

type CodeFieldProps = Omit<TextInputProps, 'label' | 'hint' | 'multiline'>;

/** The 6-digit authenticator code: numeric keypad and one-time-code autofill on phones. */
export function TotpCodeField(props: CodeFieldProps) {
  const { t } = useTranslation();
  return <TextField label={t('twoFactor.codeLabel')} hint={t('twoFactor.codeHint')} inputMode="numeric" autoComplete="one-time-code" maxLength={7} required {...props} />;
}

/** A recovery code (xxxxx-xxxxx), typed as is: no autofill, no capitalisation, no spell check. */
export function RecoveryCodeField(props: CodeFieldProps) {
  const { t } = useTranslation();
  return <TextField label={t('twoFactor.recoveryLabel')} hint={t('twoFactor.recoveryHint')} autoComplete="off" autoCapitalize="none" spellCheck={false} required {...props} />;
}
