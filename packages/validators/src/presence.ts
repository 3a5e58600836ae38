import { z } from 'zod';
import { trackIdSchema } from './tracks.ts';

/** What a user chooses to show: `invisible` reads as offline for everyone else. */
export const PRESENCE_STATUSES = ['online', 'away', 'dnd', 'invisible'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];
/** What others see: `invisible` becomes `offline`, and so does anyone without a live connection. */
export type VisiblePresenceStatus = 'online' | 'away' | 'dnd' | 'offline';

export const presenceStatusSchema = z.enum(PRESENCE_STATUSES, 'Choose online, away, do not disturb or invisible.');

/** At most this many users per presence.get (a member list page). */
export const MAX_PRESENCE_USERS = 100;

export const presenceSetInput = z
  .object({
    status: presenceStatusSchema.optional(),
    /** Show "listening to <track>" to others (on by default). Turning it off also clears what is shown now. */
    shareListening: z.boolean('Sharing what you listen to is either on or off.').optional(),
  })
  .refine((v) => v.status !== undefined || v.shareListening !== undefined, 'Choose a status or whether to share what you listen to.');

export const presenceHeartbeatInput = z
  .object({
    /** The track playing now (null: nothing); shown to others only for public tracks and when sharing is on. */
    listeningTo: trackIdSchema.nullish(),
    /** The app has seen no input for a while: an `online` user shows as `away` until the next heartbeat without it. */
    idle: z.boolean('Idle is either true or false.').optional(),
  })
  .default({});

export const presenceGetInput = z.object({
  userIds: z
    .array(z.uuid('Unknown user id.'), 'Give the users as a list of ids.')
    .min(1, 'Give at least one user.')
    .max(MAX_PRESENCE_USERS, `Ask for at most ${MAX_PRESENCE_USERS} users at a time.`),
});

export type PresenceSetInput = z.infer<typeof presenceSetInput>;
export type PresenceHeartbeatInput = z.infer<typeof presenceHeartbeatInput>;
export type PresenceGetInput = z.infer<typeof presenceGetInput>;

/** `presence.onChange`: the same users as a `presence.get` (at most 100, valid ids). */
export const presenceOnChangeInput = presenceGetInput;
export type PresenceOnChangeInput = z.infer<typeof presenceOnChangeInput>;
