import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The API server (apps/server) listens on :3000; in dev Vite proxies tRPC (HTTP + WebSocket) and the plain HTTP routes.
const API_ORIGIN = 'http://localhost:3000';
const outDir = fileURLToPath(new URL('./dist', import.meta.url));

/** public/mockServiceWorker.js is for `dev:mock` only: keep it out of production builds. */
const dropMockWorker = (): Plugin => ({
  name: 'veza:drop-mock-worker',
  apply: 'build',
  closeBundle() {
    rmSync(`${outDir}/mockServiceWorker.js`, { force: true });
  },
});

/**
 * The embeddable player is a page of its own (embed.html, src/embed/): the server sends it for /embed/track/:id
 * (apps/server/src/routes/embed.ts); the dev and preview servers do the same here.
 */
const embedPage = (): Plugin => {
  const rewrite = (req: { url?: string | undefined }, _res: unknown, next: () => void) => {
    if (req.url?.startsWith('/embed/track/')) req.url = `/embed.html${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}`;
    next();
  };
  return {
    name: 'veza:embed-page',
    configureServer: (server) => void server.middlewares.use(rewrite),
    configurePreviewServer: (server) => void server.middlewares.use(rewrite),
  };
};

export default defineConfig(({ mode }) => ({
  plugins: [react(), embedPage(), mode === 'mock' ? null : dropMockWorker()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/trpc': { target: API_ORIGIN, ws: true, changeOrigin: false },
      '/api': { target: API_ORIGIN, changeOrigin: false },
    },
  },
  preview: { port: 4173 },
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    // Read by tooling/scripts/bundle-budget.mjs after the build (dist/.vite is a dotfile folder: never served).
    manifest: true,
    rolldownOptions: {
      // The app, and the embeddable player's small page.
      input: { index: fileURLToPath(new URL('./index.html', import.meta.url)), embed: fileURLToPath(new URL('./embed.html', import.meta.url)) },
      output: {
        // Long-lived vendor chunks: app deploys do not invalidate them.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            // zod stays out of the groups: only the screens with forms need it (a group loads as one chunk).
            // TanStack Query only: TanStack Virtual belongs to the chat screen's chunk.
            { name: 'data', test: /node_modules[\\/](@tanstack[\\/](react-query|query-core)|@trpc)[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/ },
          ],
        },
      },
    },
  },
}));
