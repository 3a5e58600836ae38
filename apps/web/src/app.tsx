import { useEffect, useState } from 'react';
import { BrowserRouter, useLocation, useRoutes } from 'react-router';
import { ApiProvider, createQueryClient } from './api-provider.tsx';
import { RouteErrorBoundary } from './layout/route-error.tsx';
import { prefetchOnIntent } from './prefetch.ts';
import { routes } from './routes.tsx';
import { createTrpcClient } from './trpc.ts';

/**
 * The route table under a declarative router. Screens load their data with TanStack Query, not route loaders, so the
 * data router (createBrowserRouter) would only add weight: 16.5 kB gzip of first-load JavaScript, measured.
 */
export function AppRoutes() {
  const location = useLocation();
  const element = useRoutes(routes);
  return <RouteErrorBoundary resetKey={location.pathname}>{element}</RouteErrorBoundary>;
}

export function App({ mode }: { mode: 'live' | 'mock' }) {
  const [queryClient] = useState(createQueryClient);
  const [client] = useState(() => createTrpcClient({ mode }));
  useEffect(() => prefetchOnIntent(routes), []);
  return (
    <ApiProvider client={client} queryClient={queryClient}>
      {/* Navigations run in a React transition: the current screen stays until the next one's code is there. */}
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </ApiProvider>
  );
}
