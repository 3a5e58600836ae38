import type { QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { ApiProvider, createQueryClient } from '../api-provider.tsx';
import { ToastHost } from '../components/toast-host.tsx';
import { initI18n, type Language } from '../i18n.ts';
import { en, fr } from '../locales/index.ts';
import { useSession, type SessionUser } from '../stores/session.ts';
import { createTrpcClient } from '../trpc.ts';

export interface StoryProvidersProps {
  children: ReactNode;
  /** Route pattern the screen is mounted on, e.g. '/tracks/:id'. */
  path?: string;
  /** The URL the memory router starts at, e.g. '/tracks/abc'. */
  url?: string;
  /** Who is signed in: a user, null (signed out) or 'unknown' (still asking). */
  session?: SessionUser | null | 'unknown';
  language?: Language;
  /** '/trpc' in the browser (Storybook); absolute in Node tests. */
  baseUrl?: string;
  queryClient?: QueryClient;
}

/** Shows where navigation led, for tests: any path the screen's route does not match lands here. */
function LocationProbe() {
  const location = useLocation();
  return <p data-testid="location">{`${location.pathname}${location.search}`}</p>;
}

function applySession(session: StoryProvidersProps['session']) {
  const store = useSession.getState();
  if (session === 'unknown') useSession.setState({ status: 'unknown', user: null });
  else if (session) store.signIn(session);
  else store.signOut();
}

/**
 * Everything a screen needs, for Storybook and unit tests: the real tRPC client in mock mode
 * (plain HTTP that MSW answers), TanStack Query without retries, a memory router, i18n and toasts.
 */
export function StoryProviders({ children, path = '/', url = '/', session = null, language = 'en', baseUrl = '/trpc', queryClient }: StoryProvidersProps) {
  const [client] = useState(() => createTrpcClient({ mode: 'mock', baseUrl }));
  const [ownQueryClient] = useState(() => queryClient ?? createQueryClient({ retry: false }));
  // Set before the first render so the screen never sees a stale session.
  useState(() => {
    initI18n(language, { en, fr });
    applySession(session);
    return null;
  });

  return (
    <ApiProvider client={client} queryClient={ownQueryClient}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path={path} element={children} />
          <Route path="*" element={<LocationProbe />} />
        </Routes>
        <ToastHost />
      </MemoryRouter>
    </ApiProvider>
  );
}
