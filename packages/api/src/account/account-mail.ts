import type { MailLanguage } from '@veza/validators';
import type { ApiDeps } from '../context.ts';
import { renderMail, type MailTemplate } from '../mail/templates.ts';

/** A web link in a mail: `${appOrigin}${path}?token=…`. */
export const appLink = (deps: ApiDeps, path: '/verify-email' | '/reset-password', token: string) => {
  const url = new URL(path, deps.security.appOrigin);
  url.searchParams.set('token', token);
  return url.toString();
};

export const sendAccountMail = (deps: ApiDeps, to: string, template: MailTemplate, language: MailLanguage | undefined) =>
  deps.mailer.send(renderMail(to, template, language ?? 'en'));

/**
 * Sends a notice whose failure must not undo what was already done (the password is changed; the
 * deletion is scheduled): a mail server outage is not the user's problem, and the action stands.
 */
export async function sendNotice(deps: ApiDeps, to: string, template: MailTemplate, language: MailLanguage | undefined): Promise<boolean> {
  try {
    await sendAccountMail(deps, to, template, language);
    return true;
  } catch {
    return false;
  }
}
