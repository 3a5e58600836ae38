import { usersRepository } from '@veza/db';
import { sendNotice } from '../account/account-mail.ts';
import type { Context } from '../context.ts';
import type { SecurityChange } from '../mail/templates.ts';
import { securityNotice } from '../notifications/notifications.service.ts';

/**
 * Mails the account owner about a change to how the account signs in (ASVS: notify on authentication
 * changes), in English then French. The change stands whatever the mail server does (the audit log has it).
 */
export async function notifySecurityChange(ctx: Pick<Context, 'deps' | 'em'>, userId: string, change: SecurityChange): Promise<void> {
  const user = await usersRepository(ctx.em).byId(userId);
  if (!user) return;
  await sendNotice(ctx.deps, user.email, { kind: 'security_change', username: user.username, change }, 'both');
  // Also in the notification centre; the change stands whatever happens to the notice.
  await securityNotice(ctx, user.id, change).catch(() => undefined);
}
