import { completeLoginInput, stepUpInput, totpConfirmInput } from '@veza/validators';
import { setSessionCookies } from '../auth/cookies.ts';
import { authedProcedure, elevatedProcedure, publicProcedure, router } from '../trpc.ts';
import * as mfa from './mfa.service.ts';
import * as totp from './totp.service.ts';

export const mfaRouter = router({
  status: authedProcedure.query(({ ctx }) => mfa.status(ctx, ctx.viewer)),

  totp: router({
    begin: elevatedProcedure.mutation(({ ctx }) => totp.beginTotp(ctx, ctx.viewer)),
    confirm: elevatedProcedure.input(totpConfirmInput).mutation(({ ctx, input }) => totp.confirmTotp(ctx, ctx.viewer, input)),
    disable: elevatedProcedure.mutation(({ ctx }) => totp.disableTotp(ctx, ctx.viewer)),
  }),

  recoveryCodes: router({
    regenerate: elevatedProcedure.mutation(({ ctx }) => totp.regenerateRecoveryCodes(ctx, ctx.viewer)),
  }),

  /** The second step after `auth.login` answered `second_factor`. */
  completeLogin: publicProcedure.input(completeLoginInput).mutation(async ({ ctx, input }) => {
    const tokens = await mfa.completeLogin(ctx, input);
    setSessionCookies(ctx.deps, ctx.cookies, tokens);
    return { status: 'signed_in' as const, accessToken: tokens.accessToken, user: tokens.user };
  }),

  stepUp: authedProcedure.input(stepUpInput).mutation(({ ctx, input }) => mfa.stepUp(ctx, ctx.viewer, input)),
});
