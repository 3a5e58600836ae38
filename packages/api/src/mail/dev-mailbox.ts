import { devMailsRepository, type Database } from '@veza/db';
import type { Mailer, OutgoingMail } from './mailer.ts';

/**
 * The embedded default when no SMTP_URL is set: mails are stored in the database (admins read them in
 * the app, devMailbox.list) and printed to the log, so sign-up verification and password resets work on a laptop.
 */
export class DevMailbox implements Mailer {
  readonly devMailbox = true;
  private readonly db: Database;
  private readonly log: (line: string) => void;
  private readonly logBodies: boolean;

  /** `logBodies: false` (production without SMTP) logs only recipient and subject: bodies carry sign-in links. */
  constructor(db: Database, log: (line: string) => void = () => {}, options: { logBodies?: boolean } = {}) {
    this.db = db;
    this.log = log;
    this.logBodies = options.logBodies ?? true;
  }

  async send(mail: OutgoingMail): Promise<void> {
    await devMailsRepository(this.db.fork()).append({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null });
    this.log(`[dev mailbox] to ${mail.to}: ${mail.subject}${this.logBodies ? `\n${mail.text}` : ' (read it in Admin → Mailbox)'}`);
  }

  async close(): Promise<void> {}
}
