import { z } from 'zod';
import { bigintIdSchema } from './ids.ts';

export const onEventInput = z
  .object({ lastEventId: bigintIdSchema('This event id is not valid: reconnect without it to start from now.').nullish() })
  .default({});
