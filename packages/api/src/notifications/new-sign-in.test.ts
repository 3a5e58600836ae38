// "New sign-in from a new device" (issue 12) through tRPC callers on the real database (PGlite, or PostgreSQL with
// DATABASE_URL) and a real SMTP server: the sign-up's device is learned quietly, a new device (by its device cookie, or
// by browser and network without cookies) gets a mail and a security notice, a known one nothing.
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleBackgroundWork } from '../account/background.ts';
import { DEVICE_ID_COOKIE } from '../auth/known-device.ts';
import { SmtpMailer } from '../mail/smtp-mailer.ts';
import { createHarness, MemoryJar, PASSWORD, type Harness } from '../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../test/smtp.ts';
import { describeDevice } from './new-sign-in.mail.ts';

let h: Harness;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
  h = await createHarness({ mailer: () => new SmtpMailer(smtp.url, 'Veza <no-reply@veza.test>'), appOrigin: 'https://veza.test' });
});
afterAll(async () => {
  await h.close();
  await smtp.close();
});

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_IOS = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const signInMails = (email: string) => smtp.mailsTo(email).filter((m) => /new device|nouvel appareil/i.test(m.subject));

let n = 0;
/** Signs up in a browser of its own (its cookie jar), and takes the confirmation mail out of the way. */
async function signUp(name: string) {
  n++;
  const jar = new MemoryJar();
  const username = `ns${n}.${name}`;
  const email = `${username}@example.com`;
  const session = await (await h.caller({ jar, ip: `198.51.100.${n}`, userAgent: FIREFOX })).auth.register({ email, username, password: PASSWORD });
  await smtp.waitForMail(email);
  return { jar, username, email, token: session.accessToken };
}
const login = async (who: { username: string }, opts: { jar?: MemoryJar | null; ip?: string; userAgent?: string }) => {
  const result = await (await h.caller({ jar: opts.jar ?? null, ip: opts.ip ?? '203.0.113.7', userAgent: opts.userAgent ?? FIREFOX })).auth.login({ login: who.username, password: PASSWORD });
  await settleBackgroundWork();
  if (result.status !== 'signed_in') throw new Error('expected a session');
  return result;
};
const securityNotices = async (token: string) =>
  (await (await h.caller({ token })).notifications.list({})).items.filter((g) => g.type === 'security.notice' && g.target.type === 'security' && g.target.change === 'new_sign_in');

describe('new sign-in from a new device', () => {
  it('learns the sign-up’s device quietly; a new browser gets a mail and a notice; a known one nothing', async () => {
    const ana = await signUp('ana');
    expect(ana.jar.values.get(DEVICE_ID_COOKIE)?.options).toMatchObject({ sameSite: 'lax', maxAgeSeconds: 400 * 24 * 3600 });
    // The same browser again: known.
    const first = await login(ana, { jar: ana.jar });
    expect(signInMails(ana.email)).toEqual([]);
    expect(await securityNotices(first.accessToken)).toEqual([]);

    // Another browser (a phone).
    const phone = new MemoryJar();
    await login(ana, { jar: phone, ip: '203.0.113.50', userAgent: SAFARI_IOS });
    const mail = await smtp.waitForMail(ana.email);
    expect(mail.subject).toBe('New sign-in to your Veza account from a new device');
    expect(mail.text).toContain('Device: Safari on iOS (approximate)');
    expect(mail.text).toContain('IP address: 203.0.113.50');
    expect(mail.text).toMatch(/When: \d{1,2} \w+ \d{4} at \d{2}:\d{2} UTC|When: \d{1,2} \w+ \d{4}, \d{2}:\d{2} UTC/);
    expect(mail.text).toContain('https://veza.test/settings/sessions');
    expect(mail.html).toContain('Safari on iOS');
    const notices = await securityNotices(first.accessToken);
    expect(notices).toEqual([expect.objectContaining({ kind: 'security', read: false, url: '/settings/security' })]);

    // The phone again, and the first browser again: nothing more.
    await login(ana, { jar: phone, ip: '192.0.2.200', userAgent: SAFARI_IOS });
    await login(ana, { jar: ana.jar });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(signInMails(ana.email)).toHaveLength(1);
    expect(await securityNotices(first.accessToken)).toHaveLength(1);
  });

  it('tells one browser from another whoever signs in on it, and writes in the person’s language', async () => {
    const bob = await signUp('bob');
    const cat = await signUp('cat');
    const bobSession = await login(bob, { jar: bob.jar });
    await (await h.caller({ token: bobSession.accessToken })).notifications.preferences.update({ language: 'fr' });
    // Bob signs in on Cat's browser: new for Bob (not for Cat, whose browser it is).
    await login(bob, { jar: cat.jar, ip: '203.0.113.9' });
    const mail = await smtp.waitForMail(bob.email);
    expect(mail.subject.replace(/\s/g, '')).toBe('NouvelleconnexionàvotrecompteVezadepuisunnouvelappareil');
    expect(mail.text).toContain('Appareil : Firefox sous Linux (approximatif)');
    expect(mail.text).toContain('Adresse IP : 203.0.113.9');
    await login(cat, { jar: cat.jar });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(signInMails(cat.email)).toEqual([]);
  });

  it('without cookies, tells devices apart by browser and network', async () => {
    const dan = await signUp('dan');
    // A client without cookies: known by its browser family and network, and nothing was seen with that key yet.
    await login(dan, { jar: null, ip: '203.0.113.20' });
    expect(signInMails(dan.email)).toHaveLength(1);
    await smtp.waitForMail(dan.email);
    // Same browser family, same /24: known. Another network: new.
    await login(dan, { jar: null, ip: '203.0.113.21' });
    await login(dan, { jar: null, ip: '192.0.2.20' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(signInMails(dan.email)).toHaveLength(2);
  });

  it('counts a sign-in finished with a second factor, once the session opens', async () => {
    const eve = await signUp('eve');
    const api = await h.caller({ token: eve.token });
    const begin = await api.mfa.totp.begin();
    const code = (offsetMs: number) => new TOTP({ secret: Secret.fromBase32(begin.secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetMs });
    await api.mfa.totp.confirm({ enrolmentId: begin.enrolmentId, code: code(0) });
    const laptop = new MemoryJar();
    const caller = await h.caller({ jar: laptop, ip: '203.0.113.77', userAgent: FIREFOX });
    const first = await caller.auth.login({ login: eve.username, password: PASSWORD });
    if (first.status !== 'second_factor') throw new Error('expected a second factor');
    await settleBackgroundWork();
    // The password alone opened no session: nothing yet.
    expect(signInMails(eve.email)).toEqual([]);
    expect((await caller.mfa.completeLogin({ ticket: first.ticket, method: 'totp', code: code(30_000) })).status).toBe('signed_in');
    await settleBackgroundWork();
    expect(signInMails(eve.email).map((m) => m.text)).toEqual([expect.stringContaining('IP address: 203.0.113.77')]);
  });

  it('describes devices approximately', () => {
    expect(describeDevice(FIREFOX, 'en')).toBe('Firefox on Linux');
    expect(describeDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'en')).toBe('Edge on Windows');
    expect(describeDevice('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'fr')).toBe('Chrome sous macOS');
    expect(describeDevice('curl/8.5.0', 'en')).toBeNull();
    expect(describeDevice(null, 'en')).toBeNull();
  });
});
