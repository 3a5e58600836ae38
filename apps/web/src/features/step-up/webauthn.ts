import type * as SimpleWebAuthn from '@simplewebauthn/browser';
import type { startAuthentication, startRegistration, WebAuthnError } from '@simplewebauthn/browser';
import i18next from 'i18next';

type RequestOptionsJSON = Parameters<typeof startAuthentication>[0]['optionsJSON'];
type CreationOptionsJSON = Parameters<typeof startRegistration>[0]['optionsJSON'];

/** @simplewebauthn/browser is fetched with the first passkey ceremony (or earlier: preloadPasskeys), not with the page. */
let library: Promise<typeof SimpleWebAuthn> | null = null;
const loadLibrary = () => {
  library ??= import('@simplewebauthn/browser').catch((error: unknown) => {
    library = null;
    throw error;
  });
  return library;
};

/** Screens that offer a passkey call this on mount, so the click does not wait for the library. */
export function preloadPasskeys() {
  loadLibrary().catch(() => undefined);
}

/**
 * The library's WebAuthnError, recognised without loading the library: it is an Error carrying one of the library's
 * `ERROR_*` codes (its class could only be compared once loaded).
 */
const isWebAuthnError = (error: unknown): error is WebAuthnError => {
  const code: unknown = error instanceof Error ? (error as Partial<WebAuthnError>).code : undefined;
  return typeof code === 'string' && code.startsWith('ERROR_');
};

/*
 * The API sends @simplewebauthn/server's options as JSON. Their inferred tRPC output type describes the
 * optional PRF extension with server-side buffer types that are never on the wire (options carry
 * base64url strings), so it does not line up with the browser library's JSON type: hence the casts.
 */

/** Asks the browser for a passkey assertion (sign-in or step-up). */
export const authenticateWithPasskey = async (options: { challenge: string }) =>
  (await loadLibrary()).startAuthentication({ optionsJSON: options as RequestOptionsJSON });

const TRANSPORTS = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'] as const;
type Transport = (typeof TRANSPORTS)[number];
const isKnownTransport = (value: string): value is Transport => (TRANSPORTS as readonly string[]).includes(value);

/** Asks the browser to create a passkey for this account; transports the API does not know are left out. */
export async function createPasskey(options: { challenge: string; user: { id: string } }) {
  const credential = await (await loadLibrary()).startRegistration({ optionsJSON: options as CreationOptionsJSON });
  return { ...credential, response: { ...credential.response, transports: credential.response.transports?.filter(isKnownTransport) } };
}

/** Whether this browser can use passkeys at all (WebAuthn in a secure context): the library's own test, without it. */
export const passkeysSupported = () => typeof globalThis.PublicKeyCredential === 'function';

/** The person closed the browser's passkey prompt, or it timed out: not an error worth shouting about. */
export function isPasskeyCancelled(error: unknown): boolean {
  if (isWebAuthnError(error)) return error.code === 'ERROR_CEREMONY_ABORTED' || (error.cause as Error | undefined)?.name === 'NotAllowedError';
  return error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
}

/** A message for a failed browser-side passkey ceremony (the API's own errors go through errorMessage). */
export function passkeyErrorMessage(error: unknown): string {
  if (isPasskeyCancelled(error)) return i18next.t('passkeys.cancelled');
  if (isWebAuthnError(error) && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return i18next.t('passkeys.alreadyRegistered');
  return i18next.t('passkeys.failed');
}

/** Browser-side failures have no tRPC shape: tell them apart from the API's errors. */
export const isBrowserPasskeyError = (error: unknown) =>
  isWebAuthnError(error) || (error instanceof Error && ['NotAllowedError', 'AbortError', 'InvalidStateError', 'SecurityError', 'NotSupportedError'].includes(error.name));

/** A default name for a new passkey: "Chrome on macOS", from the user agent. */
export function defaultPasskeyName(userAgent = typeof navigator === 'undefined' ? '' : navigator.userAgent): string {
  const browser =
    /Edg\//.test(userAgent) ? 'Edge'
    : /OPR\//.test(userAgent) ? 'Opera'
    : /Firefox\//.test(userAgent) ? 'Firefox'
    : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome'
    : /Safari\//.test(userAgent) ? 'Safari'
    : null;
  const os =
    /iPhone|iPad|iPod/.test(userAgent) ? 'iOS'
    : /Android/.test(userAgent) ? 'Android'
    : /Mac OS X|Macintosh/.test(userAgent) ? 'macOS'
    : /Windows/.test(userAgent) ? 'Windows'
    : /CrOS/.test(userAgent) ? 'ChromeOS'
    : /Linux/.test(userAgent) ? 'Linux'
    : null;
  if (browser && os) return i18next.t('passkeys.defaultName', { browser, os });
  return browser ?? os ?? i18next.t('passkeys.defaultNameUnknown');
}
