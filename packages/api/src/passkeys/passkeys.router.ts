import { passkeyAuthenticateInput, passkeyIdInput, passkeyRegisterInput, passkeyRenameInput } from '@veza/validators';
import { setSessionCookies } from '../auth/cookies.ts';
import { authedProcedure, elevatedProcedure, publicProcedure, router } from '../trpc.ts';
import * as passkeys from './passkeys.service.ts';

export const passkeysRouter = router({
  list: authedProcedure.query(({ ctx }) => passkeys.list(ctx, ctx.viewer)),
  registrationOptions: elevatedProcedure.mutation(({ ctx }) => passkeys.registrationOptions(ctx, ctx.viewer)),
  register: elevatedProcedure.input(passkeyRegisterInput).mutation(({ ctx, input }) => passkeys.register(ctx, ctx.viewer, input)),
  rename: authedProcedure.input(passkeyRenameInput).mutation(({ ctx, input }) => passkeys.rename(ctx, ctx.viewer, input.id, input.name)),
  remove: elevatedProcedure.input(passkeyIdInput).mutation(({ ctx, input }) => passkeys.remove(ctx, ctx.viewer, input.id)),

  loginOptions: publicProcedure.mutation(({ ctx }) => passkeys.loginOptions(ctx)),
  login: publicProcedure.input(passkeyAuthenticateInput).mutation(async ({ ctx, input }) => {
    const tokens = await passkeys.login(ctx, input);
    setSessionCookies(ctx.deps, ctx.cookies, tokens);
    return { status: 'signed_in' as const, accessToken: tokens.accessToken, user: tokens.user };
  }),

  stepUpOptions: authedProcedure.mutation(({ ctx }) => passkeys.stepUpOptions(ctx, ctx.viewer)),
  stepUp: authedProcedure.input(passkeyAuthenticateInput).mutation(({ ctx, input }) => passkeys.stepUp(ctx, ctx.viewer, input)),
});
