import '@veza/ui/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { config as zodConfig } from 'zod/v4/core';
import { App } from './app.tsx';
import { completeTranslations, detectLanguage, initI18n, loadCoreTranslations, loadTranslations } from './i18n.ts';
import { preloadPath } from './prefetch.ts';
import { routes } from './routes.tsx';

const mock = import.meta.env.MODE === 'mock';

/** `pnpm dev:mock`: the mock back end runs in a service worker; nothing needs the server. */
async function startMocks() {
  if (!mock) return;
  const { worker } = await import('@veza/mocks/browser');
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
}

// The Content-Security-Policy forbids eval: zod's JIT would only probe for it and fall back. (zod itself is loaded
// with the screens that validate forms; its global config lives in the small core module.)
zodConfig({ jitless: true });
const language = detectLanguage();
// The first screen's code comes alongside (not after the first render, one round trip later).
preloadPath(routes, window.location.pathname);
// The active language's translations and the mock worker load side by side; the first render has both. The home page
// needs only the core part of the language (the rest follows right after the first render); any other first screen
// gets the whole language with it.
const home = window.location.pathname === '/';
void Promise.all([home ? loadCoreTranslations(language) : loadTranslations(language), startMocks()]).then(([translation]) => {
  initI18n(language, { [language]: translation });
  if (home) void completeTranslations(language);
  const root = document.getElementById('root');
  if (!root) throw new Error('Missing #root');
  createRoot(root).render(
    <StrictMode>
      <App mode={mock ? 'mock' : 'live'} />
    </StrictMode>,
  );
});
