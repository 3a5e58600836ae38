import { render } from '@testing-library/react';
import { fixtures } from '@veza/mocks';
import type { ReactElement } from 'react';
import type { SessionUser } from '../stores/session.ts';
import { StoryProviders, type StoryProvidersProps } from './providers.tsx';

/** Node has no page origin: the tRPC client calls MSW at an absolute URL. */
export const TEST_TRPC_URL = 'http://localhost/trpc';

export const ana: SessionUser = (({ password: _p, ...me }) => me)(fixtures.ana);
export const marc: SessionUser = (({ password: _p, ...me }) => me)(fixtures.marc);
export const lea: SessionUser = (({ password: _p, ...me }) => me)(fixtures.lea);

export function renderScreen(ui: ReactElement, options: Omit<StoryProvidersProps, 'children'> = {}) {
  return render(
    <StoryProviders baseUrl={TEST_TRPC_URL} {...options}>
      {ui}
    </StoryProviders>,
  );
}
