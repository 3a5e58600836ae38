import { z } from 'zod';

/** Longest push endpoint URL accepted (FCM, Mozilla, Apple and WNS endpoints are a few hundred characters). */
export const PUSH_ENDPOINT_MAX = 1024;

const endpoint = z
  .string('The push endpoint must be text.')
  .trim()
  .min(1, 'The push endpoint is missing.')
  .max(PUSH_ENDPOINT_MAX, `Push endpoints must be at most ${PUSH_ENDPOINT_MAX} characters.`)
  .pipe(z.url({ protocol: /^https?$/, error: 'The push endpoint must be a web address.' }));

/** base64url without padding (browsers send it so; a padded copy is accepted and unpadded). */
const base64url = (what: string, pattern: RegExp, message: string) =>
  z
    .string(`${what} must be text.`)
    .trim()
    .max(128, message)
    .overwrite((s) => s.replace(/=+$/, ''))
    .regex(pattern, message);

/**
 * A browser's `PushSubscription.toJSON()`: the push service's endpoint and the keys its payloads are encrypted with
 * (RFC 8291): `p256dh`, an uncompressed P-256 point (65 bytes, first byte 0x04, so its base64url starts with "B"), and
 * `auth`, a 16-byte secret. Whether the endpoint belongs to a push service the server may call is decided by the server.
 */
export const pushSubscriptionInput = z.object({
  endpoint,
  expirationTime: z.number('The expiration time must be a number.').int().nonnegative().nullish(),
  keys: z.object(
    {
      p256dh: base64url('The p256dh key', /^B[A-Za-z0-9_-]{86}$/, 'The p256dh key must be a base64url P-256 public key (65 bytes).'),
      auth: base64url('The auth secret', /^[A-Za-z0-9_-]{22}$/, 'The auth secret must be 16 bytes in base64url.'),
    },
    'The subscription keys are missing.',
  ),
});
export type PushSubscriptionInput = z.input<typeof pushSubscriptionInput>;

/** Names this browser's subscription (its endpoint) to stop push notifications to it. */
export const pushEndpointInput = z.object({ endpoint });
export type PushEndpointInput = z.input<typeof pushEndpointInput>;

/** Names one of my subscribed browsers (an `id` from `push.devices`) to stop push notifications to it. */
export const pushDeviceInput = z.object({ id: z.uuid('Unknown device.') });
export type PushDeviceInput = z.input<typeof pushDeviceInput>;
