import { ErrorState } from '@veza/ui';
import { useTranslation } from 'react-i18next';

/** Last resort when a screen throws while rendering: say so and offer a reload. */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <main className="vw-page vw-page--narrow">
      <ErrorState title={t('common.genericError')} onRetry={() => window.location.reload()} retryLabel={t('common.retry')} />
    </main>
  );
}
