import { describe, expect, it } from 'vitest';
import { completeLoginInput, passkeyRegisterInput, recoveryCodeSchema, stepUpInput, totpCodeSchema } from './mfa.ts';

describe('second-factor inputs', () => {
  it('normalise codes as people type them', () => {
    expect(totpCodeSchema.parse(' 123 456 ')).toBe('123456');
    expect(recoveryCodeSchema.parse('ABCDE-23456')).toBe('abcde23456');
    expect(recoveryCodeSchema.parse('abcde 23456')).toBe('abcde23456');
  });

  it('refuse malformed codes with a message', () => {
    for (const bad of ['12345', '1234567', 'abcdef', '']) expect(totpCodeSchema.safeParse(bad).error?.issues[0]?.message).toMatch(/6-digit/);
    for (const bad of ['abcde', 'abcde-2345!', 'x'.repeat(65)]) expect(recoveryCodeSchema.safeParse(bad).success).toBe(false);
  });

  it('check the code against the chosen method', () => {
    expect(completeLoginInput.safeParse({ ticket: 't', method: 'totp', code: 'abcde-23456' }).success).toBe(false);
    expect(completeLoginInput.parse({ ticket: 't', method: 'recovery', code: 'abcde-23456' })).toEqual({ ticket: 't', method: 'recovery', code: 'abcde23456' });
    expect(stepUpInput.parse({ method: 'password', secret: ' spaces kept ' })).toEqual({ method: 'password', secret: ' spaces kept ' });
    expect(stepUpInput.safeParse({ method: 'sms', secret: '123456' }).error?.issues[0]?.message).toMatch(/^Choose how/);
  });

  it('bound WebAuthn responses and drop unknown extension outputs', () => {
    const response = {
      id: 'abc_-1',
      rawId: 'abc_-1',
      type: 'public-key',
      clientExtensionResults: { credProps: { rk: true }, somethingNew: 'x' },
      response: { clientDataJSON: 'e30', attestationObject: 'oA', transports: ['internal'] },
    };
    const parsed = passkeyRegisterInput.parse({ challengeId: crypto.randomUUID(), name: ' Phone ', response });
    expect(parsed.name).toBe('Phone');
    expect(parsed.response.clientExtensionResults).toEqual({ credProps: { rk: true } });
    const huge = { ...response, response: { ...response.response, attestationObject: 'A'.repeat(40_000) } };
    expect(passkeyRegisterInput.safeParse({ challengeId: crypto.randomUUID(), name: 'x', response: huge }).success).toBe(false);
    const notBase64 = { ...response, id: 'abc/+=' };
    expect(passkeyRegisterInput.safeParse({ challengeId: crypto.randomUUID(), name: 'x', response: notBase64 }).success).toBe(false);
  });
});
