import { devMailsRepository } from '@veza/db';
import { createTestDatabase } from '@veza/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevMailbox } from './dev-mailbox.ts';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

const mail = { to: 'ana@example.com', subject: 'Reset your password', text: 'Open http://localhost/reset-password?token=secret-token' };

describe('DevMailbox', () => {
  it('keeps every mail and prints it to the log in development', async () => {
    const lines: string[] = [];
    await new DevMailbox(db, (line) => lines.push(line)).send(mail);
    expect(lines).toEqual([expect.stringContaining('secret-token')]);
    const kept = (await devMailsRepository(db.fork()).page({ to: 'ana@example.com', limit: 10 })).rows;
    expect(kept.map((m) => m.text)).toContain(mail.text);
  });

  it('logs only recipient and subject when bodies are not to be logged (production)', async () => {
    const lines: string[] = [];
    await new DevMailbox(db, (line) => lines.push(line), { logBodies: false }).send({ ...mail, to: 'bob@example.com' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('bob@example.com');
    expect(lines[0]).toContain('Reset your password');
    expect(lines[0]).not.toContain('secret-token');
    expect((await devMailsRepository(db.fork()).page({ to: 'bob@example.com', limit: 10 })).rows).toHaveLength(1);
  });
});
