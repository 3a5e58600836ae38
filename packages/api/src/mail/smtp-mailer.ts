import { createTransport, type Transporter } from 'nodemailer';
import type { Database } from '@veza/db';
import { DevMailbox } from './dev-mailbox.ts';
import type { Mailer, OutgoingMail } from './mailer.ts';

/** Sends over SMTP with nodemailer (pooled connections). */
export class SmtpMailer implements Mailer {
  readonly devMailbox = false;
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(smtpUrl: string, from: string) {
    this.transport = createTransport(smtpUrl, { pool: true, maxConnections: 3 } as Parameters<typeof createTransport>[1]);
    this.from = from;
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

export interface MailerOptions {
  smtpUrl: string | undefined;
  from: string;
  db: Database;
  log?: ((line: string) => void) | undefined;
}

/** SMTP when configured, the dev mailbox otherwise. */
export const createMailer = (options: MailerOptions): Mailer =>
  options.smtpUrl ? new SmtpMailer(options.smtpUrl, options.from) : new DevMailbox(options.db, options.log);
