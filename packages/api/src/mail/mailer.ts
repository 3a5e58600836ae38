/** One outgoing email: a plain-text body always, HTML optionally. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Extra headers (e.g. `List-Unsubscribe`, `List-Unsubscribe-Post` on notification mails). */
  headers?: Record<string, string> | undefined;
}

/** Sends mail: over SMTP (`SMTP_URL`) in production, into the dev mailbox otherwise. */
export interface Mailer {
  /** Whether mails are kept in the dev mailbox (readable by admins in the app) instead of sent. */
  readonly devMailbox: boolean;
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}
