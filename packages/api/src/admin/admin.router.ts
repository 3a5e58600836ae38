import { adminAuditListInput, adminSetLockedInput, adminSetRoleInput, adminUsersListInput } from '@veza/validators';
import type { Viewer } from '../context.ts';
import { stepUpRequired } from '../errors.ts';
import { adminProcedure, moderatorProcedure, router } from '../trpc.ts';
import * as admin from './admin.service.ts';
import { adminChatRouter } from './chat-reports.ts';

/** Changing someone else's account also needs a recent sign-in or step-up. */
const requireStepUp = (viewer: Viewer) => {
  if (!viewer.elevatedUntil || viewer.elevatedUntil.getTime() <= Date.now()) throw stepUpRequired();
};
const elevatedModerator = moderatorProcedure.use(({ ctx, next }) => (requireStepUp(ctx.viewer), next()));
const elevatedAdmin = adminProcedure.use(({ ctx, next }) => (requireStepUp(ctx.viewer), next()));

export const adminRouter = router({
  users: router({
    list: moderatorProcedure.input(adminUsersListInput).query(({ ctx, input }) => admin.listUsers(ctx, input)),
    setRole: elevatedAdmin.input(adminSetRoleInput).mutation(({ ctx, input }) => admin.setRole(ctx, ctx.viewer, input.userId, input.role)),
    setLocked: elevatedModerator.input(adminSetLockedInput).mutation(({ ctx, input }) => admin.setLocked(ctx, ctx.viewer, input.userId, input.locked)),
  }),
  audit: router({
    list: adminProcedure.input(adminAuditListInput).query(({ ctx, input }) => admin.listAudit(ctx, input)),
  }),
  /** Reported chat messages: the queue, the conversation around an open report (audited), resolving. */
  chat: adminChatRouter,
});
