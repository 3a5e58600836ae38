import {
  changeEmailInput,
  changePasswordInput,
  requestDeletionInput,
  requestPasswordResetInput,
  resetPasswordInput,
  sendVerificationInput,
  usernameAvailableInput,
  verifyEmailInput,
} from '@veza/validators';
import { authedProcedure, elevatedProcedure, publicProcedure, router } from '../trpc.ts';
import * as account from './account.service.ts';
import { cancelDeletion, requestDeletion } from './deletion.service.ts';
import { exportAccount } from './export.ts';
import { changePassword, requestPasswordReset, resetPassword } from './password.service.ts';
import { toAvailabilityDto, usernameAvailability } from './username.ts';

export const accountRouter = router({
  /** As the sign-up form is typed: invalid, reserved, a look-alike of a reserved or existing name, or taken. */
  usernameAvailable: publicProcedure.input(usernameAvailableInput).query(async ({ ctx, input }) => toAvailabilityDto(await usernameAvailability(ctx.em, input.username))),

  sendVerification: authedProcedure.input(sendVerificationInput).mutation(({ ctx, input }) => account.sendVerification(ctx, ctx.viewer, input?.language)),

  /** Both kinds of emailed address links: confirming the address, and confirming a change to a new one. */
  verifyEmail: publicProcedure.input(verifyEmailInput).mutation(({ ctx, input }) => account.verifyEmail(ctx, input.token)),

  requestPasswordReset: publicProcedure.input(requestPasswordResetInput).mutation(({ ctx, input }) => requestPasswordReset(ctx, input)),

  resetPassword: publicProcedure.input(resetPasswordInput).mutation(({ ctx, input }) => resetPassword(ctx, input)),

  changeEmail: elevatedProcedure.input(changeEmailInput).mutation(({ ctx, input }) => account.changeEmail(ctx, ctx.viewer, input)),

  changePassword: elevatedProcedure.input(changePasswordInput).mutation(({ ctx, input }) => changePassword(ctx, ctx.viewer, input)),

  requestDeletion: elevatedProcedure.input(requestDeletionInput).mutation(({ ctx, input }) => requestDeletion(ctx, ctx.viewer, input?.language)),

  cancelDeletion: authedProcedure.mutation(({ ctx }) => cancelDeletion(ctx, ctx.viewer)),

  /** Everything Veza holds about the account (audited). */
  export: authedProcedure.query(({ ctx }) => exportAccount(ctx, ctx.viewer)),
});
