import { presenceGetInput, presenceHeartbeatInput, presenceOnChangeInput, presenceSetInput } from '@veza/validators';
import { authedProcedure, router } from '../trpc.ts';
import * as presence from './presence.service.ts';

export const presenceRouter = router({
  /** Chooses online / away / dnd / invisible and whether to share "listening to" (kept for good); returns the viewer's own presence. */
  set: authedProcedure.input(presenceSetInput).mutation(({ ctx, input }) => presence.set(ctx, ctx.viewer, input)),
  /** Sent by each open app every ~30 s (PRESENCE_HEARTBEAT_MS) and when its socket (re)connects: keeps the viewer online for 90 s, with the track playing. */
  heartbeat: authedProcedure.input(presenceHeartbeatInput).mutation(({ ctx, input }) => presence.heartbeat(ctx, ctx.viewer, input)),
  /** `{ items: [{ userId, status, lastSeenAt, listeningTo }] }` for up to 100 users; others' `invisible` reads `offline`. */
  get: authedProcedure.input(presenceGetInput).query(({ ctx, input }) => presence.get(ctx, ctx.viewer, input)),
  /**
   * Live presence of up to 100 users (anyone signed in, like `get`): `{ type: 'presence', userId, status, lastSeenAt,
   * listeningTo }` for each user as it is now, then one per change that shows (status or track; going offline when
   * the last connection closes or heartbeats stop). May be dropped for a client that does not keep up (the latest
   * state of each user is what counts).
   */
  onChange: authedProcedure.input(presenceOnChangeInput).subscription(async function* ({ ctx, input, signal }) {
    yield* presence.onChange(ctx, ctx.viewer, input, signal);
  }),
});
