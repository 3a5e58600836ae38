// Email digests of unread notifications (issue 12) on the real database (PGlite, or PostgreSQL with DATABASE_URL) and
// a real SMTP server: what a digest lists (grouped, kinds mailed one by one left out), once per person and period even
// with two instances racing, nothing new or digest off → no mail, and the one-click link that turns digests off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Track, User } from '@veza/db';
import { SmtpMailer } from '../mail/smtp-mailer.ts';
import { createHarness, peopleOf, type Account, type Harness } from '../test/harness.ts';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from '../test/smtp.ts';
import { digestWindow, sendDigests } from './digest.service.ts';
import { flushNotifications, setCoalesceDelay } from './notifications.service.ts';

let h: Harness;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
  h = await createHarness({ mailer: () => new SmtpMailer(smtp.url, 'Veza <no-reply@veza.test>'), appOrigin: 'https://veza.test' });
  setCoalesceDelay(h.deps, 60_000);
});
afterAll(async () => {
  await h.close();
  await smtp.close();
});

const DAY = 24 * 3600 * 1000;
const people = peopleOf(() => h, 'dg');
const emailOf = (who: Account) => `${who.user.username}@example.com`;
async function verify(who: Account) {
  await smtp.waitForMail(emailOf(who));
  await h.db.fork().nativeUpdate(User, { id: who.user.id }, { emailVerifiedAt: new Date() });
}
async function track(owner: Account, title: string) {
  const { id } = await h.upload(owner.token, undefined, { title });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready', durationMs: 180_000 });
  return id;
}
const digestsTo = (who: Account) => smtp.mailsTo(emailOf(who)).filter((m) => /digest|résumé/i.test(m.subject));
/** Mails in flight reach the test server before counting. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
const unfold = (mail: ReceivedMail) => mail.raw.replace(/\r?\n[ \t]+/g, ' ');

describe('digest windows', () => {
  it('starts daily periods every day and weekly ones on Mondays, at the digest hour (UTC)', () => {
    const at = new Date('2026-12-09T07:59:00Z'); // a Wednesday, before the hour
    expect(digestWindow('daily', at).periodStart.toISOString()).toBe('2026-12-08T08:00:00.000Z');
    expect(digestWindow('daily', new Date('2026-12-09T08:00:00Z')).periodStart.toISOString()).toBe('2026-12-09T08:00:00.000Z');
    expect(digestWindow('weekly', at).periodStart.toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(digestWindow('weekly', new Date('2026-12-07T07:00:00Z')).periodStart.toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(digestWindow('weekly', at).floor.toISOString()).toBe('2026-11-30T08:00:00.000Z');
  });
});

describe('digests', () => {
  it('lists the unread groups of kinds not mailed one by one, grouped, in the person’s language, with one-click unsubscribe', async () => {
    const [ana, bob, cat, dan] = await people('ana', 'bob', 'cat', 'dan');
    await verify(ana);
    const id = await track(ana, 'Night Drive');
    await bob.api.tracks.like({ id });
    await cat.api.tracks.like({ id });
    await dan.api.social.follow({ username: ana.user.username });
    await flushNotifications(h.deps);
    // Comments are mailed one by one (their mail is on by default): not repeated in the digest.
    await bob.api.comments.create({ trackId: id, atMs: 1000, body: 'Lovely' });
    await smtp.waitForMail(emailOf(ana));
    expect((await ana.api.notifications.preferences.get()).digest).toBe('weekly');

    await sendDigests(h.deps, 'weekly');
    await settle();
    const [mail, ...more] = digestsTo(ana);
    expect(more).toEqual([]);
    if (!mail) throw new Error('no digest');
    expect(mail.subject).toBe('Your weekly Veza digest: 2 new notifications');
    expect(mail.text).toContain(`Hi ${ana.user.username},`);
    expect(mail.text).toContain(`- ${cat.user.username} and 1 other liked “Night Drive”\n  https://veza.test/tracks/${id}`);
    expect(mail.text).toContain(`- ${dan.user.username} followed you\n  https://veza.test/u/${dan.user.username}`);
    expect(mail.text).not.toContain('commented');
    expect(mail.html).toContain('liked “Night Drive”');
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const header = (/^List-Unsubscribe: <([^>]+)>/m.exec(unfold(mail))?.[1] ?? '').replace(/\s/g, '');
    expect(header).toMatch(/^https:\/\/veza\.test\/api\/notifications\/unsubscribe\?token=u1\.[^.]+\.digest\.email\./);

    // French, when that is the person's language.
    const [eve, fay] = await people('eve', 'fay');
    await verify(eve);
    await eve.api.notifications.preferences.update({ language: 'fr' });
    await fay.api.social.follow({ username: eve.user.username });
    await flushNotifications(h.deps);
    await sendDigests(h.deps, 'weekly');
    await settle();
    const [fr] = digestsTo(eve);
    expect(fr?.subject).toBe('Votre résumé hebdomadaire Veza : 1 nouvelle notification');
    expect(fr?.text).toContain(`- ${fay.user.username} vous suit`);
  });

  it('sends one digest per person and period, even with two instances racing; then only what is new', async () => {
    const [gus, hal, ida] = await people('gus', 'hal', 'ida');
    await verify(gus);
    await hal.api.social.follow({ username: gus.user.username });
    await flushNotifications(h.deps);
    const other = { ...h.deps };
    await Promise.all([sendDigests(h.deps, 'weekly'), sendDigests(other, 'weekly'), sendDigests(other, 'weekly')]);
    await sendDigests(h.deps, 'weekly');
    await settle();
    expect(digestsTo(gus)).toHaveLength(1);

    // Next week: nothing new, no mail; something new, only that.
    const nextWeek = new Date(Date.now() + 7 * DAY);
    await sendDigests(h.deps, 'weekly', nextWeek);
    await settle();
    expect(digestsTo(gus)).toHaveLength(1);
    await ida.api.social.follow({ username: gus.user.username });
    await flushNotifications(h.deps);
    // The follow group was still unread: it holds both now, and is listed again with its news.
    await sendDigests(h.deps, 'weekly', new Date(Date.now() + 14 * DAY));
    await settle();
    const later = digestsTo(gus);
    expect(later).toHaveLength(2);
    expect(later[1]?.text).toContain(`- ${ida.user.username} and 1 other followed you`);
  });

  it('sends nothing when all is read, when the digest is off, for another period, or to unverified addresses', async () => {
    const [jon, kim, lou, mia, ned] = await people('jon', 'kim', 'lou', 'mia', 'ned');
    for (const who of [jon, kim, lou]) await verify(who);
    for (const who of [jon, kim, lou, mia]) await ned.api.social.follow({ username: who.user.username });
    await flushNotifications(h.deps);
    await jon.api.notifications.markAllRead({});
    expect((await kim.api.notifications.preferences.update({ digest: 'off' })).digest).toBe('off');
    expect((await lou.api.notifications.preferences.update({ digest: 'daily' })).digest).toBe('daily');
    await sendDigests(h.deps, 'weekly');
    await settle();
    for (const who of [jon, kim, lou, mia]) expect(digestsTo(who)).toEqual([]);
    // The daily one comes with the daily run.
    await sendDigests(h.deps, 'daily');
    await settle();
    expect(digestsTo(lou).map((m) => m.subject)).toEqual(['Your daily Veza digest: 1 new notification']);
  });

  it('follows the per-kind choices: kinds hidden in the app or mailed one by one stay out', async () => {
    const [oli, pia, quy] = await people('oli', 'pia', 'quy');
    await verify(oli);
    const id = await track(oli, 'Dawn');
    await oli.api.notifications.preferences.update({ kinds: { follows: { inApp: false }, likes: { email: true } } });
    await pia.api.social.follow({ username: oli.user.username });
    await quy.api.tracks.like({ id });
    await flushNotifications(h.deps);
    // The like was mailed on its own; the follow is hidden: nothing for the digest.
    await smtp.waitForMail(emailOf(oli));
    await sendDigests(h.deps, 'weekly');
    await settle();
    expect(digestsTo(oli)).toEqual([]);
  });

  it('turns digests off with the one-click link of a digest, signed out', async () => {
    const [ray, sam, tom] = await people('ray', 'sam', 'tom');
    await verify(ray);
    await sam.api.social.follow({ username: ray.user.username });
    await flushNotifications(h.deps);
    await sendDigests(h.deps, 'weekly');
    await settle();
    const [mail] = digestsTo(ray);
    const token = /https:\/\/veza\.test\/unsubscribe\?token=([A-Za-z0-9_.-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
    expect(token).toMatch(/\.digest\.email\./);
    const anonymous = await h.caller();
    expect(await anonymous.notifications.unsubscribe({ token })).toEqual({ kind: 'digest', channel: 'email', username: ray.user.username });
    const after = await ray.api.notifications.preferences.get();
    expect(after.digest).toBe('off');
    // The kinds' own mails are untouched.
    expect(after.kinds.comments.email).toBe(true);
    await tom.api.social.follow({ username: ray.user.username });
    await flushNotifications(h.deps);
    await sendDigests(h.deps, 'weekly', new Date(Date.now() + 7 * DAY));
    await settle();
    expect(digestsTo(ray)).toHaveLength(1);
  });

  it('refuses an unknown digest frequency', async () => {
    const [uma] = await people('uma');
    await expect(uma.api.notifications.preferences.update({ digest: 'hourly' } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await uma.api.notifications.preferences.get()).digest).toBe('weekly');
  });
});
