import { z } from 'zod';
import { trackIdSchema } from './tracks.ts';

/** How many people a listening session holds (host included). */
export const LISTEN_MEMBERS_MAX = 50;
/** How many tracks wait in a session's queue at most. */
export const LISTEN_QUEUE_MAX = 100;

export const listenSessionIdSchema = z.uuid('Unknown listening session.');

export const listenStartInput = z.object({ trackId: trackIdSchema.nullish() }).default({});
export type ListenStartInput = z.input<typeof listenStartInput>;

export const listenSessionInput = z.object({ id: listenSessionIdSchema });

const position = z.number('Position must be a number.').int('Position must be whole milliseconds.').min(0, 'Position cannot be negative.').max(24 * 3600 * 1000, 'Position is past any track.');

/** What the host does: play or pause (at a position, default where it is), seek, skip to the next queued track, or play a track now. */
export const listenControlInput = z.discriminatedUnion(
  'action',
  [
    z.object({ id: listenSessionIdSchema, action: z.literal('play'), positionMs: position.optional() }),
    z.object({ id: listenSessionIdSchema, action: z.literal('pause'), positionMs: position.optional() }),
    z.object({ id: listenSessionIdSchema, action: z.literal('seek'), positionMs: position }),
    z.object({ id: listenSessionIdSchema, action: z.literal('next') }),
    z.object({ id: listenSessionIdSchema, action: z.literal('playTrack'), trackId: trackIdSchema }),
  ],
  'Unknown action.',
);
export type ListenControlInput = z.input<typeof listenControlInput>;

export const listenQueueAddInput = z.object({ id: listenSessionIdSchema, trackId: trackIdSchema });
export const listenQueueRemoveInput = z.object({ id: listenSessionIdSchema, entryId: z.uuid('Unknown queue entry.') });
export const listenLockQueueInput = z.object({ id: listenSessionIdSchema, locked: z.boolean('Locked must be true or false.') });
