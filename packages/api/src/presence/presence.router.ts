import { presenceGetInput, presenceHeartbeatInput, presenceSetInput } from '@veza/validators';
import { authedProcedure, router } from '../trpc.ts';
import * as presence from './presence.service.ts';

export const presenceRouter = router({
  /** Chooses online / away / dnd / invisible and whether to share "listening to"; returns the viewer's own presence. */
  set: authedProcedure.input(presenceSetInput).mutation(({ ctx, input }) => presence.set(ctx, ctx.viewer, input)),
  /** Sent by each open app every ~30 s (PRESENCE_HEARTBEAT_MS): keeps the viewer online for 90 s, with the track playing. */
  heartbeat: authedProcedure.input(presenceHeartbeatInput).mutation(({ ctx, input }) => presence.heartbeat(ctx, ctx.viewer, input)),
  /** `{ items: [{ userId, status, lastSeenAt, listeningTo }] }` for up to 100 users; others' `invisible` reads `offline`. */
  get: authedProcedure.input(presenceGetInput).query(({ ctx, input }) => presence.get(ctx, ctx.viewer, input)),
});
