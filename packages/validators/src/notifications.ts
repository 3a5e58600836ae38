import { z } from 'zod';

export const onEventInput = z
  .object({ lastEventId: z.string().regex(/^\d{1,19}$/, 'Invalid event id.').nullish() })
  .default({});
