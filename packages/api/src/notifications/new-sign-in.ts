// "New sign-in from a new device" (issue 12): a security notice in the notification centre and a mail in the person's
// language, after the answer (a slow mail server never slows a sign-in down).
import { notificationSettingsRepository, User } from '@veza/db';
import type { ApiDeps, RequestMeta } from '../context.ts';
import { runInBackground } from '../account/background.ts';
import { newSignInMail, SESSIONS_PAGE_PATH } from './new-sign-in.mail.ts';
import { securityNotice } from './notifications.service.ts';

/** The `change` of the security notice (`target.change` in the centre). */
export const NEW_SIGN_IN_CHANGE = 'new_sign_in';

export function newSignInNotice(deps: ApiDeps, userId: string, meta: RequestMeta, at: Date): void {
  runInBackground(async () => {
    const em = deps.db.fork();
    const user = await em.findOne(User, { id: userId });
    if (!user || user.lockedAt) return;
    // In the centre whatever happens to the mail, and the mail whatever happens to the notice.
    await securityNotice({ em, deps }, userId, NEW_SIGN_IN_CHANGE).catch(() => undefined);
    const { language } = await notificationSettingsRepository(em).of(userId);
    await deps.mailer.send(
      newSignInMail({
        to: user.email,
        username: user.username,
        language,
        at,
        userAgent: meta.userAgent,
        ip: meta.ip,
        sessionsLink: new URL(SESSIONS_PAGE_PATH, deps.security.appOrigin).toString(),
      }),
    );
  });
}
