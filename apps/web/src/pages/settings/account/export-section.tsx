import { Button, Card, DownloadIcon } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors.ts';
import { pushToast } from '../../../stores/toasts.ts';
import { trpc } from '../../../trpc.ts';

/** Saves `data` as a JSON file through a temporary object URL. */
export function downloadJson(data: unknown, fileName: string) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "Export my data": everything Veza holds about the account, as veza-export-<username>.json. */
export function ExportSection({ username }: { username: string }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    setPending(true);
    setError(null);
    try {
      const data = await utils.account.export.fetch(undefined, { staleTime: 0 });
      downloadJson(data, `veza-export-${username}.json`);
      pushToast({ title: t('account.export.done'), tone: 'success' });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setPending(false);
    }
  };

  return (
    <Card title={t('account.export.title')} description={t('account.export.description')}>
      {error && <p role="alert" className="vw-inline-error">{error}</p>}
      <div className="vw-form-actions">
        <Button type="button" variant="secondary" loading={pending} onClick={() => void download()}>
          <DownloadIcon /> {t('account.export.action')}
        </Button>
      </div>
    </Card>
  );
}
