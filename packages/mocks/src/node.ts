import { setupServer } from 'msw/node';
import { handlers } from './handlers.ts';

/** The mock back end in Node (unit tests). */
export const server = setupServer(...handlers);
