import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@veza/db/testing';
import { devMailsRepository } from '@veza/db';
import { startTestSmtp, linkIn, type TestSmtp } from '../test/smtp.ts';
import { DevMailbox } from './dev-mailbox.ts';
import { createMailer, SmtpMailer } from './smtp-mailer.ts';
import { escapeHtml, renderMail } from './templates.ts';

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());

describe('SmtpMailer', () => {
  it('delivers text and HTML to a real SMTP server', async () => {
    const mailer = new SmtpMailer(smtp.url, 'Veza <no-reply@veza.test>');
    try {
      const long = 'é'.repeat(120);
      await mailer.send({ to: 'Ana@Example.com', subject: 'Bonjour à toi', text: `Line one\n${long}\nhttps://veza.test/verify-email?token=abc_DEF-123`, html: '<p>Hi &amp; welcome</p>' });
      const mail = await smtp.waitForMail('ana@example.com');
      expect(mail.from).toBe('no-reply@veza.test');
      expect(mail.subject).toBe('Bonjour à toi');
      expect(mail.text).toContain(long);
      expect(mail.html).toBe('<p>Hi &amp; welcome</p>');
      expect(linkIn(mail).searchParams.get('token')).toBe('abc_DEF-123');
    } finally {
      await mailer.close();
    }
  });

  it('sends several mails over pooled connections', async () => {
    const mailer = new SmtpMailer(smtp.url, 'no-reply@veza.test');
    const before = smtp.connections();
    try {
      await Promise.all(Array.from({ length: 8 }, (_, i) => mailer.send({ to: `pool${i}@example.com`, subject: `n${i}`, text: 't' })));
      for (let i = 0; i < 8; i++) await smtp.waitForMail(`pool${i}@example.com`);
      expect(smtp.connections() - before).toBeLessThanOrEqual(3);
    } finally {
      await mailer.close();
    }
  });

  it('gives up on a server that never answers', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${port}`, 'no-reply@veza.test', { connectionTimeoutMs: 300, socketTimeoutMs: 300 });
    try {
      const started = Date.now();
      await expect(mailer.send({ to: 'a@b.co', subject: 's', text: 't' })).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await mailer.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('fails loudly when the server cannot be reached', async () => {
    const mailer = new SmtpMailer('smtp://127.0.0.1:1', 'no-reply@veza.test');
    try {
      await expect(mailer.send({ to: 'a@b.co', subject: 's', text: 't' })).rejects.toThrow();
    } finally {
      await mailer.close();
    }
  });
});

describe('templates', () => {
  it('render every account mail in English and French, with escaped values in HTML', async () => {
    const mailer = new SmtpMailer(smtp.url, 'no-reply@veza.test');
    try {
      const link = 'https://veza.test/reset-password?token=x&y="1"';
      const fr = renderMail('fr@example.com', { kind: 'reset_password', link }, 'fr');
      const en = renderMail('en@example.com', { kind: 'password_changed', username: '<b>ana</b>' });
      expect(fr.subject).toBe('Réinitialisez votre mot de passe');
      expect(fr.text).toContain(link);
      expect(fr.html).toContain(escapeHtml(link));
      expect(fr.html).not.toContain('y="1"');
      expect(en.subject).toBe('Your password was changed');
      expect(en.html).toContain('&lt;b&gt;ana&lt;/b&gt;');
      await mailer.send(fr);
      const received = await smtp.waitForMail('fr@example.com');
      expect(received.subject).toBe('Réinitialisez votre mot de passe');
      expect(linkIn(received).searchParams.get('token')).toBe('x');
      expect(received.text).toContain('Ce lien est valable 1 heure');
    } finally {
      await mailer.close();
    }
  });

  it('differ between the two languages for every kind', () => {
    const purgeAt = new Date('2026-12-05T12:00:00Z');
    const kinds = [
      { kind: 'verify_email', username: 'ana', link: 'https://x/verify-email?token=t' },
      { kind: 'change_email', username: 'ana', link: 'https://x/verify-email?token=t', newEmail: 'n@x.co' },
      { kind: 'email_change_notice', username: 'ana', newEmail: 'n@x.co' },
      { kind: 'reset_password', link: 'https://x/reset-password?token=t' },
      { kind: 'password_changed', username: 'ana' },
      { kind: 'deletion_scheduled', username: 'ana', purgeAt },
    ] as const;
    for (const template of kinds) {
      const en = renderMail('a@x.co', template, 'en');
      const fr = renderMail('a@x.co', template, 'fr');
      expect(en.subject).not.toBe(fr.subject);
      expect(fr.html).toContain('lang="fr"');
    }
    expect(renderMail('a@x.co', kinds[5], 'en').text).toContain('5 December 2026');
    expect(renderMail('a@x.co', kinds[5], 'fr').text).toContain('5 décembre 2026');
  });
});

describe('createMailer', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.destroy());

  it('uses SMTP when SMTP_URL is set', () => {
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'a@b.co', db });
    expect(mailer).toBeInstanceOf(SmtpMailer);
    expect(mailer.devMailbox).toBe(false);
    void mailer.close();
  });

  it('keeps mails in the dev mailbox and prints them to the log otherwise', async () => {
    const lines: string[] = [];
    const mailer = createMailer({ smtpUrl: undefined, from: 'a@b.co', db, log: (line) => lines.push(line) });
    expect(mailer).toBeInstanceOf(DevMailbox);
    await mailer.send({ to: 'ana@example.com', subject: 'Hello', text: 'Body https://x/y', html: '<p>Body</p>' });
    const { rows } = await devMailsRepository(db.fork()).page({ limit: 10 });
    expect(rows.map((r) => ({ to: r.to, subject: r.subject, text: r.text, html: r.html }))).toEqual([
      { to: 'ana@example.com', subject: 'Hello', text: 'Body https://x/y', html: '<p>Body</p>' },
    ]);
    expect(lines).toEqual(['[dev mailbox] to ana@example.com: Hello\nBody https://x/y']);
  });
});
