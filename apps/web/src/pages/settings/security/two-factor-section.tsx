import type { RouterOutputs } from '@veza/api';
import { Badge, Button, Card, ErrorState, LoadingState, RecoveryCodes, ShieldIcon } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { isStepUpCancelled, useStepUp } from '../../../features/step-up/use-step-up.ts';
import { errorMessage } from '../../../lib/errors.ts';
import { useSession } from '../../../stores/session.ts';
import { pushToast } from '../../../stores/toasts.ts';
import { trpc } from '../../../trpc.ts';
import { TotpEnrolment } from './totp-enrolment.tsx';
import { useFocusOnMount } from './use-focus-on-mount.ts';

export type TotpBegin = RouterOutputs['mfa']['totp']['begin'];

type Step = { kind: 'overview' } | { kind: 'enrol'; enrolment: TotpBegin } | { kind: 'codes'; codes: string[]; fresh: boolean };

/** Two-factor authentication: status, turn on (QR code, key, confirm code, recovery codes), turn off, new recovery codes. */
export function TwoFactorSection() {
  const { t } = useTranslation();
  const stepUp = useStepUp();
  const utils = trpc.useUtils();
  const status = trpc.mfa.status.useQuery();
  const begin = trpc.mfa.totp.begin.useMutation();
  const disable = trpc.mfa.totp.disable.useMutation();
  const regenerate = trpc.mfa.recoveryCodes.regenerate.useMutation();
  const [step, setStep] = useState<Step>({ kind: 'overview' });
  const [confirming, setConfirming] = useState<'disable' | 'regenerate' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const user = useSession((s) => s.user);

  const run = async <T,>(action: () => Promise<T>): Promise<T | null> => {
    setError(null);
    try {
      return await stepUp.run(action);
    } catch (failure) {
      if (!isStepUpCancelled(failure)) setError(errorMessage(failure, 'twoFactor'));
      return null;
    }
  };

  const start = async () => {
    const enrolment = await run(() => begin.mutateAsync());
    if (enrolment) setStep({ kind: 'enrol', enrolment });
  };

  const turnOff = async () => {
    setConfirming(null);
    const done = await run(() => disable.mutateAsync());
    if (!done) return;
    useSession.getState().update({ twoFactorEnabled: false });
    void utils.mfa.status.invalidate();
    void utils.auth.me.invalidate();
    pushToast({ title: t('twoFactor.disabled'), tone: 'success' });
  };

  const newCodes = async () => {
    setConfirming(null);
    const result = await run(() => regenerate.mutateAsync());
    if (!result) return;
    void utils.mfa.status.invalidate();
    setStep({ kind: 'codes', codes: result.recoveryCodes, fresh: false });
  };

  const finish = () => {
    setStep({ kind: 'overview' });
    void utils.mfa.status.invalidate();
  };

  const enabled = status.data?.totpEnabled ?? false;

  return (
    <Card
      title={t('twoFactor.title')}
      description={t('twoFactor.description')}
      actions={status.data && <Badge tone={enabled ? 'success' : 'neutral'} icon={<ShieldIcon />}>{enabled ? t('twoFactor.on') : t('twoFactor.off')}</Badge>}
    >
      {error && <p role="alert" className="vw-inline-error">{error}</p>}
      {status.isPending ? (
        <LoadingState label={t('twoFactor.loading')} />
      ) : status.isError ? (
        <ErrorState title={t('twoFactor.errorTitle')} message={errorMessage(status.error)} onRetry={() => void status.refetch()} retryLabel={t('common.retry')} />
      ) : step.kind === 'enrol' ? (
        <TotpEnrolment
          enrolment={step.enrolment}
          onCancel={() => setStep({ kind: 'overview' })}
          onConfirmed={(codes) => {
            useSession.getState().update({ twoFactorEnabled: true });
            void utils.auth.me.invalidate();
            void utils.mfa.status.invalidate();
            setStep({ kind: 'codes', codes, fresh: true });
          }}
        />
      ) : step.kind === 'codes' ? (
        <CodesStep codes={step.codes} fresh={step.fresh} username={user?.username ?? ''} onDone={finish} />
      ) : enabled ? (
        <>
          <p className="vw-security__status">
            {t('twoFactor.codesLeft', { count: status.data.recoveryCodesRemaining })}
            {status.data.recoveryCodesRemaining <= 3 && <> {t('twoFactor.codesLow')}</>}
          </p>
          <div className="vw-form-actions">
            <Button type="button" variant="secondary" onClick={() => setConfirming('regenerate')} loading={regenerate.isPending}>
              {t('twoFactor.regenerate')}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setConfirming('disable')} loading={disable.isPending}>
              {t('twoFactor.disable')}
            </Button>
          </div>
        </>
      ) : (
        <>
          <p className="vw-security__status">{t('twoFactor.offText')}</p>
          <div className="vw-form-actions">
            <Button type="button" onClick={() => void start()} loading={begin.isPending}>
              {t('twoFactor.enable')}
            </Button>
          </div>
        </>
      )}
      <ConfirmDialog
        open={confirming === 'disable'}
        title={t('twoFactor.disableTitle')}
        body={t('twoFactor.disableBody')}
        confirmLabel={t('twoFactor.disableConfirm')}
        cancelLabel={t('common.cancel')}
        onConfirm={() => void turnOff()}
        onCancel={() => setConfirming(null)}
      />
      <ConfirmDialog
        open={confirming === 'regenerate'}
        title={t('twoFactor.regenerateTitle')}
        body={t('twoFactor.regenerateBody')}
        confirmLabel={t('twoFactor.regenerateConfirm')}
        cancelLabel={t('common.cancel')}
        onConfirm={() => void newCodes()}
        onCancel={() => setConfirming(null)}
      />
    </Card>
  );
}

/** The recovery codes, shown once, right after turning 2FA on or asking for new ones. */
function CodesStep({ codes, fresh, username, onDone }: { codes: string[]; fresh: boolean; username: string; onDone: () => void }) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="vw-security__codes">
      <h3 className="vw-security__subtitle" tabIndex={-1} ref={headingRef}>
        {fresh ? t('twoFactor.enabledTitle') : t('twoFactor.newCodesTitle')}
      </h3>
      <p className="vw-muted">{t('twoFactor.codesText')}</p>
      <RecoveryCodes
        codes={codes}
        fileName="veza-recovery-codes.txt"
        fileHeader={t('twoFactor.fileHeader', { username, date: new Date().toISOString().slice(0, 10) })}
        onDone={onDone}
        labels={{
          list: t('twoFactor.codesList'),
          copy: t('twoFactor.copy'),
          copied: t('twoFactor.copied'),
          copyFailed: t('twoFactor.copyFailed'),
          download: t('twoFactor.download'),
          saved: t('twoFactor.saved'),
          done: t('twoFactor.done'),
        }}
      />
    </div>
  );
}
