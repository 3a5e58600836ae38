// Changes to how an account signs in are mailed to its owner (over real SMTP), in English and French.
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountKit, type AccountKit } from '../account/test-kit.ts';

let kit: AccountKit;
beforeAll(async () => {
  kit = await createAccountKit();
});
afterAll(() => kit.close());

const codeFor = (secret: string, offsetMs = 0) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetMs });

describe('security notices', () => {
  it('mails the owner when two-factor sign-in is turned on, its codes regenerated, and turned off', async () => {
    const ana = await kit.h.signUp('ana');
    await kit.smtp.waitForMail('ana@example.com'); // the verification mail
    const enrolment = await ana.api.mfa.totp.begin();
    await ana.api.mfa.totp.confirm({ enrolmentId: enrolment.enrolmentId, code: codeFor(enrolment.secret) });

    const on = await kit.smtp.waitForMail('ana@example.com');
    expect(on.subject).toBe('Security change on your Veza account / Modification de sécurité sur votre compte Veza');
    expect(on.text).toContain('Two-factor sign-in was turned on.');
    expect(on.text).toContain('L’authentification à deux facteurs (2FA) a été activée.');
    expect(on.html).toContain('lang="fr"');

    await ana.api.mfa.recoveryCodes.regenerate();
    expect((await kit.smtp.waitForMail('ana@example.com')).text).toContain('New recovery codes were generated');
    await ana.api.mfa.totp.disable();
    expect((await kit.smtp.waitForMail('ana@example.com')).text).toContain('Two-factor sign-in was turned off.');
  });
});
