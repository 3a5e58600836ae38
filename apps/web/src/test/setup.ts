import { cleanup } from '@testing-library/react';
import { resetMockDb } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { initI18n } from '../i18n.ts';
import { en, fr } from '../locales/index.ts';
import { usePlayer } from '../stores/player.ts';
import { emptyQueue, useQueue } from '../stores/queue.ts';
import { useSession } from '../stores/session.ts';
import { useToasts } from '../stores/toasts.ts';

initI18n('en', { en, fr });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));

afterEach(() => {
  // Vitest globals are off, so Testing Library cannot register its own cleanup.
  cleanup();
  server.resetHandlers();
  resetMockDb();
  useSession.setState({ status: 'unknown', user: null });
  usePlayer.setState({ track: null, isPlaying: false, currentTime: 0, duration: 0, buffering: false, failed: false, levels: [], currentKbps: null, engine: null });
  useQueue.setState(emptyQueue);
  useToasts.getState().clear();
  localStorage.clear();
});

afterAll(() => server.close());
