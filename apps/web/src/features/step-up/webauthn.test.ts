import { WebAuthnError } from '@simplewebauthn/browser';
import { describe, expect, it } from 'vitest';
import { isBrowserPasskeyError, isPasskeyCancelled, passkeyErrorMessage } from './webauthn.ts';

// webauthn.ts loads @simplewebauthn/browser only for a ceremony, so it recognises the library's errors without its class.
describe('passkey errors, recognised without loading the library', () => {
  const notAllowed = Object.assign(new Error('The operation either timed out or was not allowed.'), { name: 'NotAllowedError' });

  it("treats the library's aborted ceremony and the browser's NotAllowedError as a cancellation", () => {
    expect(isPasskeyCancelled(new WebAuthnError({ message: 'aborted', code: 'ERROR_CEREMONY_ABORTED', cause: new Error('x') }))).toBe(true);
    expect(isPasskeyCancelled(new WebAuthnError({ message: 'no', code: 'ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY', cause: notAllowed }))).toBe(true);
    expect(isPasskeyCancelled(notAllowed)).toBe(true);
    expect(isPasskeyCancelled(new Error('network'))).toBe(false);
  });

  it("tells the library's errors apart from the API's, and names an already registered authenticator", () => {
    const registered = new WebAuthnError({ message: 'dup', code: 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED', cause: new Error('x') });
    expect(isBrowserPasskeyError(registered)).toBe(true);
    expect(isBrowserPasskeyError(Object.assign(new Error('bad'), { code: 'BAD_REQUEST' }))).toBe(false);
    expect(passkeyErrorMessage(registered)).toBe('This device already has a passkey for your account.');
  });
});
