import { sessionIdInput } from '@veza/validators';
import { authedProcedure, router } from '../trpc.ts';
import { clearSessionCookies } from './cookies.ts';
import * as sessions from './sessions.service.ts';

export const sessionsRouter = router({
  list: authedProcedure.query(({ ctx }) => sessions.list(ctx, ctx.viewer)),

  revoke: authedProcedure.input(sessionIdInput).mutation(async ({ ctx, input }) => {
    const { current } = await sessions.revoke(ctx, ctx.viewer, input.id);
    if (current) clearSessionCookies(ctx.cookies);
    return { ok: true as const };
  }),

  revokeOthers: authedProcedure.mutation(({ ctx }) => sessions.revokeOthers(ctx, ctx.viewer)),

  revokeAll: authedProcedure.mutation(async ({ ctx }) => {
    const result = await sessions.revokeAll(ctx, ctx.viewer);
    clearSessionCookies(ctx.cookies);
    return result;
  }),
});
