import '@veza/ui/styles.css';
import '../app.css';
import type { Decorator } from '@storybook/react-vite';
import { bodilessMutationsTo, handlers, resetMockDb } from '@veza/mocks';
import type { RequestHandler } from 'msw';
import { useStepUpStore } from '../features/step-up/use-step-up.ts';
import { useToasts } from '../stores/toasts.ts';
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

/**
 * Before each story: the mock back end reset, signed in as the story's user, and nothing left on screen by the previous
 * story in the app's module stores, which outlive a story: no toast (one whose id is still shown is not shown twice)
 * and no step-up dialog (modal: left open, it makes the next story's page inert).
 */
export function resetMocksFor(screen: ScreenParameters | undefined) {
  const user = screen?.session;
  resetMockDb({ signedInAs: user && user !== 'unknown' ? user.username : null });
  useToasts.getState().clear();
  useStepUpStore.getState().settle(false);
}

/** MSW handlers for a story: the overrides first (MSW uses the first match), then the default mock back end. */
export const mocks = (...overrides: RequestHandler[]) => {
  const list = [...overrides, ...handlers];
  // Before the overrides too: an override of a mutation without input needs its body fixed as well.
  return { handlers: [bodilessMutationsTo(list), ...list] };
};
