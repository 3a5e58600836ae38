/** Security settings shared by account, second-factor and OAuth code. */
export interface SecurityConfig {
  /** Where the web app is served, e.g. https://veza.example: links in emails, WebAuthn origin, OAuth redirects. */
  appOrigin: string;
  /** The WebAuthn relying party id (the app origin's host name). */
  rpId: string;
  /** Shown by authenticators and authenticator apps. */
  appName: string;
  /** 32-byte key for secrets stored encrypted at rest (TOTP secrets), derived from the server secret. */
  encryptionKey: Uint8Array;
  /** Days between an account deletion request and the purge. */
  deletionGraceDays: number;
  /** How long a fresh sign-in or a step-up allows sensitive actions. */
  stepUpSeconds: number;
}
