import { tracked } from '@trpc/server';
import {
  addToPlaylistInput,
  createPlaylistInput,
  editablePlaylistsInput,
  movePlaylistTrackInput,
  onPlaylistInput,
  playlistInput,
  playlistMemberInput,
  removeFromPlaylistInput,
  updatePlaylistInput,
  userPlaylistsInput,
} from '@veza/validators';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import * as playlists from './playlists.service.ts';

export const playlistsRouter = router({
  create: authedProcedure.input(createPlaylistInput).mutation(({ ctx, input }) => playlists.create(ctx, ctx.viewer, input)),
  /** A playlist with its tracks in order (those the viewer may hear) and its collaborators. */
  byId: publicProcedure.input(playlistInput).query(({ ctx, input }) => playlists.byId(ctx, input.id)),
  /** Title, description, public or private: the owner only. */
  update: authedProcedure.input(updatePlaylistInput).mutation(({ ctx, input }) => playlists.update(ctx, ctx.viewer, input)),
  delete: authedProcedure.input(playlistInput).mutation(({ ctx, input }) => playlists.remove(ctx, ctx.viewer, input.id)),
  /** Adds tracks (those not in it yet) at the end or the start: the owner and collaborators. */
  addTracks: authedProcedure.input(addToPlaylistInput).mutation(({ ctx, input }) => playlists.addTracks(ctx, ctx.viewer, input)),
  removeTrack: authedProcedure.input(removeFromPlaylistInput).mutation(({ ctx, input }) => playlists.removeTrack(ctx, ctx.viewer, input.id, input.trackId)),
  /** Moves a track right after another (null: first). */
  moveTrack: authedProcedure.input(movePlaylistTrackInput).mutation(({ ctx, input }) => playlists.moveTrack(ctx, ctx.viewer, input)),
  /** Someone's playlists, newest first (the private ones for their owner only). */
  ofUser: publicProcedure.input(userPlaylistsInput).query(({ ctx, input }) => playlists.ofUser(ctx, input)),
  /** The playlists I may add to; with `containing`, whether each holds that track. */
  editable: authedProcedure.input(editablePlaylistsInput).query(({ ctx, input }) => playlists.editableByMe(ctx, ctx.viewer, input)),
  /** The owner invites someone to edit it with them (notified); idempotent. */
  invite: authedProcedure.input(playlistMemberInput).mutation(({ ctx, input }) => playlists.invite(ctx, ctx.viewer, input.id, input.username)),
  acceptInvite: authedProcedure.input(playlistInput).mutation(({ ctx, input }) => playlists.accept(ctx, ctx.viewer, input.id)),
  /** Declines an invitation or stops collaborating. */
  leave: authedProcedure.input(playlistInput).mutation(({ ctx, input }) => playlists.leave(ctx, ctx.viewer, input.id)),
  removeCollaborator: authedProcedure.input(playlistMemberInput).mutation(({ ctx, input }) => playlists.removeCollaborator(ctx, ctx.viewer, input.id, input.username)),
  like: authedProcedure.input(playlistInput).mutation(({ ctx, input }) => playlists.mark(ctx, ctx.viewer, input.id, 'like', true)),
  unlike: authedProcedure.input(playlistInput).mutation(({ ctx, input }) => playlists.mark(ctx, ctx.viewer, input.id, 'like', false)),
  /** Public playlists of others only. */
  repost: authedProcedure.input(playlistInput).mutation(({ ctx, input }) => playlists.mark(ctx, ctx.viewer, input.id, 'repost', true)),
  unrepost: authedProcedure.input(playlistInput).mutation(({ ctx, input }) => playlists.mark(ctx, ctx.viewer, input.id, 'repost', false)),
  /** Live: the current version, then every change (refetch `byId` on each). */
  onChange: publicProcedure.input(onPlaylistInput).subscription(async function* ({ ctx, input, signal }) {
    for await (const event of playlists.changes(ctx, input.id, signal)) {
      yield tracked(`${event.version}`, event);
    }
  }),
});
