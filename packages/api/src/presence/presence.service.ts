import { presenceSettingsRepository, tracksRepository } from '@veza/db';
import type { PresenceGetInput, PresenceHeartbeatInput, PresenceSetInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { publishIfChanged, watchPresence, type PresenceEventDto } from './presence.live.ts';
import { presenceFor, type PresenceDto } from './presence.record.ts';

/**
 * Presence: statuses, last seen and "listening to". Others never see `invisible` (it reads as offline, with the
 * last seen of the moment the user went invisible), and see "listening to" only for public tracks of users who share it.
 *
 * The user's choices (status, sharing) are kept for good in `user_presence_settings`; the presence store holds a
 * copy next to the live state, loaded from the database by the first heartbeat after it forgot them (expiry, a
 * restart of a memory store, a flushed Redis). Changes that show are announced live (presence.live.ts).
 */

/** Sets the viewer's status and/or sharing of what they listen to (kept for good); returns their own presence. */
export async function set(ctx: Context, viewer: Viewer, input: PresenceSetInput): Promise<PresenceDto> {
  // The database first: a choice answered as made is never lost with the store.
  const choice = await presenceSettingsRepository(ctx.em).choose(viewer.id, input);
  const change = await ctx.deps.presence.choose(viewer.id, choice);
  await publishIfChanged(ctx.deps.bus, change);
  return presenceFor(change.record, viewer.id);
}

/**
 * One connection of the viewer is alive (every ~30 s). The track is shown to others only when it is public: an
 * unlisted or private track (or an unknown id) is simply not shown, so a heartbeat never fails over a track.
 */
export async function heartbeat(ctx: Context, viewer: Viewer, input: PresenceHeartbeatInput): Promise<PresenceDto> {
  let listeningTo: string | null = null;
  if (input.listeningTo) {
    const track = await tracksRepository(ctx.em).byId(input.listeningTo);
    if (track && track.visibility === 'public') listeningTo = track.id;
  }
  const change = await ctx.deps.presence.heartbeat(viewer.id, { listeningTo, idle: input.idle ?? false }, () => presenceSettingsRepository(ctx.em).choiceOf(viewer.id));
  await publishIfChanged(ctx.deps.bus, change);
  return presenceFor(change.record, viewer.id);
}

/** The presence of up to 100 users as the viewer may see it, in the order asked (duplicates answered once). */
export async function get(ctx: Context, viewer: Viewer, input: PresenceGetInput): Promise<{ items: PresenceDto[] }> {
  const ids = [...new Set(input.userIds)];
  const records = await ctx.deps.presence.read(ids);
  return { items: records.map((r) => presenceFor(r, viewer.id)) };
}

/** Live presence of up to 100 users: each as it is now, then each change (see watchPresence). */
export function onChange(ctx: Context, viewer: Viewer, input: PresenceGetInput, signal: AbortSignal | undefined): AsyncGenerator<PresenceEventDto> {
  return watchPresence(ctx.deps, viewer, input, signal);
}
