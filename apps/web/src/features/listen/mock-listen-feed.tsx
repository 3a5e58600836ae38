import { listenMock } from '@veza/mocks';
import { useEffect, type ReactNode } from 'react';
import { feedListenSession } from './listen-driver.tsx';

/**
 * The mocked live session for stories and tests: msw-trpc answers no subscriptions (the app's mock mode leaves
 * listen.onSession idle), so what the mock back end publishes (listenMock.onChange) reaches the session as
 * listen.onSession would.
 */
export function MockListenFeed({ children }: { children: ReactNode }) {
  useEffect(() => listenMock.onChange(feedListenSession), []);
  return children;
}
