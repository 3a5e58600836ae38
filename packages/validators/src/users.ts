import { z } from 'zod';
import { usernameSchema } from './auth.ts';
import { profileLinksSchema, profileLocationSchema } from './profile.ts';
import { text } from './text.ts';

export const byUsernameInput = z.object({ username: usernameSchema });

export const updateProfileInput = z
  .object({
    displayName: text('Display name').min(1, 'Display name cannot be empty.').max(80, 'Display name must be at most 80 characters.').nullable(),
    bio: text('Bio', { multiline: true }).max(1000, 'Bio must be at most 1000 characters.').nullable(),
    /** A private profile: follows become requests to approve; only approved followers see tracks and lists. */
    isPrivate: z.boolean('Private must be true or false.'),
    /** Where the person is ("Lyon, France"); empty clears it. */
    location: profileLocationSchema,
    /** Up to 8 http(s) links in the owner's order (duplicates kept once); each is shown with its platform's icon. */
    links: profileLinksSchema,
    /** One of the caller's own ready tracks, shown first on the profile; null unpins. */
    pinnedTrackId: z.uuid('Choose one of your tracks to pin.').nullable(),
  })
  .partial();
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;
