import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { AdminLayout } from '../admin/admin-layout.tsx';
import { SettingsLayout } from './settings-layout.tsx';

/**
 * For stories only: a settings or admin screen inside its real layout (side navigation, deletion banner).
 * Mount it on a splat path ('/settings/*' or '/admin/*') so the descendant routes see the rest of the URL.
 */
export function InLayout({ area, page, screen }: { area: 'settings' | 'admin'; page: string; screen: ReactElement }) {
  return (
    <Routes>
      <Route element={area === 'settings' ? <SettingsLayout /> : <AdminLayout />}>
        <Route path={page} element={screen} />
      </Route>
    </Routes>
  );
}
