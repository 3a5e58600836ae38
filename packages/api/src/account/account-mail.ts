import type { MailLanguage } from '@veza/validators';
import type { ApiDeps } from '../context.ts';
import { renderBilingualMail, renderMail, type MailTemplate } from '../mail/templates.ts';

/** A web link in a mail: `${appOrigin}${path}?token=…`. */
export const appLink = (deps: ApiDeps, path: '/verify-email' | '/reset-password', token: string) => {
  const url = new URL(path, deps.security.appOrigin);
  url.searchParams.set('token', token);
  return url.toString();
};

/** `both`: English then French, for mails that answer no request of the reader's (we do not know their language). */
export const sendAccountMail = (deps: ApiDeps, to: string, template: MailTemplate, language: MailLanguage | 'both' | undefined) =>
  deps.mailer.send(language === 'both' ? renderBilingualMail(to, template) : renderMail(to, template, language ?? 'en'));

/**
 * Sends a notice whose failure must not undo what was already done (the password is changed; the
 * deletion is scheduled): a mail server outage is not the user's problem, and the action stands.
 */
export async function sendNotice(deps: ApiDeps, to: string, template: MailTemplate, language: MailLanguage | 'both' | undefined): Promise<boolean> {
  try {
    await sendAccountMail(deps, to, template, language);
    return true;
  } catch {
    return false;
  }
}
