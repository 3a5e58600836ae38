// The digest job in the server (issue 12): two instances running their scheduled passes at once (no shared lease)
// still mail each person's digest once per period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevMail } from '@veza/db';
import { startDigestJob } from './digest-job.ts';
import { createTestApp, register, type TestApp } from './test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const logged = () => {
  const lines: string[] = [];
  const push = (_details: object, message: string) => void lines.push(message);
  return { lines, info: push, warn: push, error: push };
};

describe('digest job', () => {
  it('sends each due digest once, whichever instance gets there first', async () => {
    const ana = await register(t.app, 'digest.ana');
    const bob = await register(t.app, 'digest.bob');
    await t.deps.db.executeSql('update users set email_verified_at = now() where id = $1', [ana.id]);
    // Bob followed Ana: unread, and follows are not mailed one by one.
    await t.deps.db.executeSql(
      `insert into notifications (id, recipient_id, type, group_key, actor_id, actor_ids, actor_count, created_at, latest_at, seq)
       select v.n, $1, 'follow.new', '', $2::uuid, jsonb_build_array($2::uuid), 1, now(), now(), v.n from (select nextval(pg_get_serial_sequence('notifications', 'id')) as n) v`,
      [ana.id, bob.id],
    );
    const [oneLog, otherLog] = [logged(), logged()];
    const one = startDigestJob(t.deps, oneLog, { everyMs: 60_000 });
    const other = startDigestJob({ ...t.deps }, otherLog, { everyMs: 60_000 });
    try {
      await Promise.all([one.runNow(), other.runNow()]);
    } finally {
      await Promise.all([one.stop(), other.stop()]);
    }
    const mails = await t.deps.db.fork().find(DevMail, { to: 'digest.ana@example.com' });
    expect(mails.map((m) => m.subject).filter((s) => s.includes('digest'))).toEqual(['Your weekly Veza digest: 1 new notification']);
    expect([...oneLog.lines, ...otherLog.lines].filter((l) => l === '1 weekly digest(s) sent')).toHaveLength(1);
  });
});
