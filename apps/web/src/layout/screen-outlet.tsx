import { LoadingState } from '@veza/ui';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';

/**
 * Shown while a screen's code is fetched. Only a first visit without a prefetch ever waits: React Router navigates in a
 * transition, so moving between screens keeps the current one on screen until the next is ready. The spinner fades in
 * after 400 ms (app.css) so a quick load does not flash; role="status" tells assistive technology what is happening.
 */
export function ScreenLoading() {
  const { t } = useTranslation();
  return <LoadingState className="vw-screen-loading" label={t('common.loading')} />;
}

/** `<Outlet />` for routes whose screens load on demand (routes.tsx). */
export function ScreenOutlet() {
  return (
    <Suspense fallback={<ScreenLoading />}>
      <Outlet />
    </Suspense>
  );
}
