import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { screenLoads } from '../lib/lazy-screen.ts';

/**
 * A thin bar at the top of the window while the next screen's code is on its way (the current screen stays up
 * meanwhile). It fades in after 300 ms (app.css), so the usual prefetched navigation shows nothing.
 */
export function ScreenPending() {
  const { t } = useTranslation();
  const loading = useSyncExternalStore(screenLoads.subscribe, screenLoads.count, () => 0) > 0;
  return loading ? <div className="vw-screen-pending" role="progressbar" aria-label={t('common.loading')} /> : null;
}
