import { setupWorker } from 'msw/browser';
import { handlers } from './handlers.ts';

/** The mock back end in the browser (`pnpm dev:mock`). */
export const worker = setupWorker(...handlers);
