import { createTransport, type Transporter } from 'nodemailer';
import type { Database } from '@veza/db';
import { DevMailbox } from './dev-mailbox.ts';
import type { Mailer, OutgoingMail } from './mailer.ts';

export interface SmtpMailerOptions {
  /** Bounds on a slow or silent server, so a request that sends a mail does not hang (ms). */
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
}

/**
 * Sends over SMTP with nodemailer: pooled connections, STARTTLS when the server offers it (smtp://) or
 * TLS from the start (smtps://), and bounded waits.
 */
export class SmtpMailer implements Mailer {
  readonly devMailbox = false;
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(smtpUrl: string, from: string, options: SmtpMailerOptions = {}) {
    // The URL's own settings (host, port, auth, ?query options) win over these defaults.
    this.transport = createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: 3,
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
      greetingTimeout: options.connectionTimeoutMs ?? 10_000,
      socketTimeout: options.socketTimeoutMs ?? 30_000,
    });
    this.from = from;
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, ...(mail.headers ? { headers: mail.headers } : {}) });
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
  /** Print mail bodies in the dev mailbox's log lines (development); production logs recipient and subject only. */
  logBodies?: boolean | undefined;
}

/** SMTP when configured, the dev mailbox otherwise. */
export const createMailer = (options: MailerOptions): Mailer =>
  options.smtpUrl ? new SmtpMailer(options.smtpUrl, options.from) : new DevMailbox(options.db, options.log, { logBodies: options.logBodies ?? true });
