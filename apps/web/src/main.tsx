import '@veza/ui/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app.tsx';
import { initI18n } from './i18n.ts';

const mock = import.meta.env.MODE === 'mock';

/** `pnpm dev:mock`: the mock back end runs in a service worker; nothing needs the server. */
async function startMocks() {
  if (!mock) return;
  const { worker } = await import('@veza/mocks/browser');
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
}

// The Content-Security-Policy forbids eval: zod's JIT would only probe for it and fall back.
z.config({ jitless: true });
initI18n();
void startMocks().then(() => {
  const root = document.getElementById('root');
  if (!root) throw new Error('Missing #root');
  createRoot(root).render(
    <StrictMode>
      <App mode={mock ? 'mock' : 'live'} />
    </StrictMode>,
  );
});
