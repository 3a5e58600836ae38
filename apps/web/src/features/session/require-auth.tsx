import { LoadingState } from '@veza/ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../../stores/session.ts';

/** Renders `children` for signed-in users; sends others to /login?next=<here>. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);
  const location = useLocation();
  if (status === 'unknown') return <LoadingState label={t('common.loading')} />;
  if (status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/** Where to go after signing in: the `next` query parameter if it is a path on this site, else home. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** A link to the login page that comes back here afterwards. */
export const loginHref = (path: string) => `/login?next=${encodeURIComponent(path)}`;
