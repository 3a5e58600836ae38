import '@veza/ui/styles.css';
import '../app.css';
import type { Decorator } from '@storybook/react-vite';
import { handlers, resetMockDb } from '@veza/mocks';
import type { RequestHandler } from 'msw';
import { StoryProviders, type StoryProvidersProps } from './providers.tsx';

/** What a screen story sets in `parameters.screen`: route, URL, who is signed in, language. */
export type ScreenParameters = Omit<StoryProvidersProps, 'children' | 'baseUrl' | 'queryClient'>;

/**
 * Mounts the story inside the real providers (tRPC in mock mode, memory router, i18n, toasts),
 * after resetting the mock back end and signing the mock session in as the story's user.
 */
export const screenDecorator: Decorator = (Story, context) => {
  const screen = (context.parameters.screen ?? {}) as ScreenParameters;
  return (
    <StoryProviders key={context.id} {...screen}>
      <Story />
    </StoryProviders>
  );
};

export function resetMocksFor(screen: ScreenParameters | undefined) {
  const user = screen?.session;
  resetMockDb({ signedInAs: user && user !== 'unknown' ? user.username : null });
}

/** MSW handlers for a story: the overrides first (MSW uses the first match), then the default mock back end. */
export const mocks = (...overrides: RequestHandler[]) => ({ handlers: [...overrides, ...handlers] });
