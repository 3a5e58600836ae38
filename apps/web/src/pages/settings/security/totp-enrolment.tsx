import { Button } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm } from '../../../features/forms/use-form.ts';
import { TotpCodeField } from '../../../features/step-up/code-fields.tsx';
import { useCodeRefusal } from '../../../features/step-up/code-refusal.ts';
import { codeInput } from '../../../features/step-up/codes.ts';
import { isStepUpCancelled, useStepUp } from '../../../features/step-up/use-step-up.ts';
import { trpc } from '../../../trpc.ts';
import { FormAlert } from '../../auth/form-alert.tsx';
import type { TotpBegin } from './two-factor-section.tsx';
import { useFocusOnMount } from './use-focus-on-mount.ts';

/** The key in groups of four, easier to type into an authenticator app. */
export const groupSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * The QR code comes from our own server (an <svg> document); it is shown through <img>, where SVG
 * scripts never run, rather than inlined into the page.
 */
const qrSrc = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

interface TotpEnrolmentProps {
  enrolment: TotpBegin;
  onConfirmed: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}

/** Scan the QR code (or type the key), then prove it works with a first code. */
export function TotpEnrolment({ enrolment, onConfirmed, onCancel }: TotpEnrolmentProps) {
  const { t } = useTranslation();
  const stepUp = useStepUp();
  const confirm = trpc.mfa.totp.confirm.useMutation();
  const form = useForm({ code: '' }, 'totpConfirm');
  const { refusal, refuse, clear, clearing } = useCodeRefusal();
  const [copied, setCopied] = useState(false);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  const submit = form.handleSubmit(async () => {
    clear();
    // One field: its own message is enough, no "fix the highlighted fields" alert on top.
    const input = form.validate(codeInput, '');
    if (!input) return;
    try {
      const { recoveryCodes } = await stepUp.run(() => confirm.mutateAsync({ enrolmentId: enrolment.enrolmentId, code: input.code }));
      onConfirmed(recoveryCodes);
    } catch (error) {
      if (!isStepUpCancelled(error)) refuse(error, 'totp', 'totpConfirm');
    }
  });

  const codeField = clearing(form.field('code'));

  const copyKey = async () => {
    try {
      await navigator.clipboard.writeText(enrolment.secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div className="vw-totp">
      <ol className="vw-totp__steps">
        <li>
          <h3 className="vw-security__subtitle" tabIndex={-1} ref={headingRef}>{t('twoFactor.scanTitle')}</h3>
          <p className="vw-muted">{t('twoFactor.scanText')}</p>
          <img className="vw-totp__qr" src={qrSrc(enrolment.qrSvg)} alt={t('twoFactor.qrAlt')} width={200} height={200} />
        </li>
        <li>
          <h3 className="vw-security__subtitle">{t('twoFactor.keyTitle')}</h3>
          <p className="vw-muted">{t('twoFactor.keyText')}</p>
          <div className="vw-totp__key">
            <code data-testid="totp-secret">{groupSecret(enrolment.secret)}</code>
            <Button type="button" variant="secondary" size="sm" onClick={() => void copyKey()}>
              {t('twoFactor.copyKey')}
            </Button>
            <span role="status" className="vw-totp__copied">{copied ? t('twoFactor.copied') : ''}</span>
          </div>
        </li>
        <li>
          <form onSubmit={submit} noValidate aria-label={t('twoFactor.confirmTitle')}>
            <h3 className="vw-security__subtitle">{t('twoFactor.confirmTitle')}</h3>
            <FormAlert message={refusal} />
            <TotpCodeField {...codeField} />
            <div className="vw-form-actions">
              <Button type="submit" loading={confirm.isPending}>{t('twoFactor.confirm')}</Button>
              <Button type="button" variant="ghost" onClick={onCancel} disabled={confirm.isPending}>{t('common.cancel')}</Button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}
