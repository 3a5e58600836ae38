import { unlinkOAuthInput } from '@veza/validators';
import { authedProcedure, elevatedProcedure, publicProcedure, router } from '../trpc.ts';
import { listLinks, unlink } from './oauth.service.ts';
import { configuredProviders } from './providers.ts';

/** Sign-in itself is a browser round trip (GET /api/oauth/:provider/start and /callback on the server). */
export const oauthRouter = router({
  /** The providers offered on the sign-in page: those with a client registration. */
  providers: publicProcedure.query(({ ctx }) => configuredProviders(ctx.deps.oauth)),

  links: authedProcedure.query(({ ctx }) => listLinks(ctx, ctx.viewer)),

  unlink: elevatedProcedure.input(unlinkOAuthInput).mutation(async ({ ctx, input }) => {
    await unlink(ctx, ctx.viewer, input.provider);
    return { ok: true as const };
  }),
});
