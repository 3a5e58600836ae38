// Shared by the account tests: a harness whose mail goes over real SMTP (nodemailer) to a local smtp-server.
import { EmailToken, Session, usersRepository } from '@veza/db';
import { SmtpMailer } from '../mail/smtp-mailer.ts';
import { createHarness, type Harness } from '../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../test/smtp.ts';
import { settleBackgroundWork } from './background.ts';

export interface AccountKit {
  h: Harness;
  smtp: TestSmtp;
  /** Ends a user's step-up window, as if they signed in long ago. */
  expireStepUp(userId: string): Promise<void>;
  /** Email token rows of a user (to check hashed storage and single use). */
  tokensOf(userId: string): Promise<EmailToken[]>;
  user(id: string): Promise<NonNullable<Awaited<ReturnType<ReturnType<typeof usersRepository>['byIdWithPassword']>>>>;
  close(): Promise<void>;
}

export async function createAccountKit(): Promise<AccountKit> {
  const smtp = await startTestSmtp();
  const h = await createHarness({ mailer: () => new SmtpMailer(smtp.url, 'Veza <no-reply@veza.test>'), appOrigin: 'https://veza.test' });
  return {
    h,
    smtp,
    async expireStepUp(userId) {
      await h.db.fork().nativeUpdate(Session, { user: userId }, { elevatedUntil: null });
      await h.usersChanged(userId);
    },
    tokensOf: (userId) => h.db.fork().find(EmailToken, { user: userId }, { orderBy: { createdAt: 'asc' } }),
    async user(id) {
      const user = await usersRepository(h.db.fork()).byIdWithPassword(id);
      if (!user) throw new Error(`no user ${id}`);
      return user;
    },
    async close() {
      await settleBackgroundWork();
      await h.close();
      await smtp.close();
    },
  };
}
