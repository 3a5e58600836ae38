import { useEffect, useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiProvider, createQueryClient } from './api-provider.tsx';
import { prefetchOnIntent } from './prefetch.ts';
import { routes } from './routes.tsx';
import { createTrpcClient } from './trpc.ts';

export function App({ mode }: { mode: 'live' | 'mock' }) {
  const [queryClient] = useState(createQueryClient);
  const [client] = useState(() => createTrpcClient({ mode }));
  const [router] = useState(() => createBrowserRouter(routes));
  useEffect(() => prefetchOnIntent(routes), []);
  return (
    <ApiProvider client={client} queryClient={queryClient}>
      <RouterProvider router={router} />
    </ApiProvider>
  );
}
