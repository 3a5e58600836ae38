import { usersRepository } from '@veza/db';
import type { Context } from '../context.ts';
import { renderBilingualMail, type SecurityChange } from '../mail/templates.ts';

/**
 * Mails the account owner about a change to how the account signs in (ASVS: notify on authentication
 * changes). The change itself stands whatever the mail server does, so a failure is swallowed.
 */
export async function notifySecurityChange(ctx: Pick<Context, 'deps' | 'em'>, userId: string, change: SecurityChange): Promise<void> {
  try {
    const user = await usersRepository(ctx.em).byId(userId);
    if (user) await ctx.deps.mailer.send(renderBilingualMail(user.email, { kind: 'security_change', username: user.username, change }));
  } catch {
    // Mail is a courtesy here; the audit log has the event.
  }
}
