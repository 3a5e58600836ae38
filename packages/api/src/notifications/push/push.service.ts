// Web push (issue 12): browsers subscribe per session; `pushToUser` encrypts a payload for each live subscription of
// a user (RFC 8291 aes128gcm, by `web-push`) and hands it to the browser's push service with a VAPID signature.
import { ECDH } from 'node:crypto';
import { pushSubscriptionsRepository, type PushTarget } from '@veza/db';
import type { PushSubscriptionInput } from '@veza/validators';
import webpush from 'web-push';
import type { Context, Viewer } from '../../context.ts';
import { DomainError, unauthorized } from '../../errors.ts';
import { endpointRefusal, type PushConfig, type VapidKeys } from './push.config.ts';
import { toPushDeviceDto, type PushDeviceDto, type PushDeviceListDto, type PushStatusDto } from './push.dto.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

/** What a notification shows; `url` is a path of the app opened on click, `tag` groups notifications that replace each other. */
export interface PushPayload {
  title: string;
  body: string;
  url: string;
  tag: string;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
}

/** Browsers one user keeps subscribed at most; subscribing one more drops the least recently subscribed. */
export const PUSH_DEVICES_MAX = 20;
const DEFAULT_TTL_SECONDS = 24 * 3600;
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_TIMEOUT_MS = 10_000;
/** Encrypted payloads must fit one 4 KB record: the JSON stays well under it. */
const PAYLOAD_MAX_BYTES = 3000;
const TITLE_MAX = 200;
const TAG_MAX = 64;
const URL_MAX = 512;

const unavailable = () => new DomainError('BAD_REQUEST', 'Push notifications are not available on this server.', undefined, 'push_unavailable');
const refused = (message: string) => new DomainError('BAD_REQUEST', message, { endpoint: [message] }, 'push_endpoint_refused');

const vapidOf = (ctx: Ctx): { push: PushConfig; vapid: VapidKeys } | null => {
  const push = ctx.deps.push;
  return push?.vapid ? { push, vapid: push.vapid } : null;
};

/** Whether push is on, and the public key to subscribe with. Anyone may ask (the key is public). */
export function status(ctx: Ctx): PushStatusDto {
  const on = vapidOf(ctx);
  return { available: on !== null, publicKey: on?.vapid.publicKey ?? null };
}

/** Subscribes this session's browser (again: its keys and endpoint are updated). */
export async function subscribe(ctx: Ctx & Pick<Context, 'meta'>, viewer: Viewer, input: PushSubscriptionInput): Promise<PushDeviceDto> {
  const on = vapidOf(ctx);
  if (!on) throw unavailable();
  const refusal = endpointRefusal(input.endpoint, on.push.serviceOrigins);
  if (refusal) throw refused(refusal);
  try {
    ECDH.convertKey(Buffer.from(input.keys.p256dh, 'base64url'), 'prime256v1');
  } catch {
    const message = 'The p256dh key is not a valid P-256 public key.';
    throw new DomainError('BAD_REQUEST', message, { 'keys.p256dh': [message] }, 'push_key_invalid');
  }
  const row = await pushSubscriptionsRepository(ctx.em).subscribe(
    {
      id: crypto.randomUUID(),
      userId: viewer.id,
      sessionId: viewer.sessionId,
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      userAgent: ctx.meta.userAgent?.slice(0, 512) ?? null,
    },
    new Date(),
    PUSH_DEVICES_MAX,
  );
  if (!row) throw unauthorized();
  return toPushDeviceDto(row, viewer.sessionId);
}

/** Stops pushes to one of my browsers, named by its endpoint; NOT_FOUND (`not_subscribed`) when none of mine has it. */
export async function unsubscribe(ctx: Ctx, viewer: Viewer, endpoint: string): Promise<{ removed: true }> {
  if (!(await pushSubscriptionsRepository(ctx.em).removeOwn(viewer.id, endpoint))) {
    throw new DomainError('NOT_FOUND', 'This browser is not subscribed to push notifications.', undefined, 'not_subscribed');
  }
  return { removed: true };
}

/**
 * Stops pushes to one of my browsers, named by its id in `devices` (another browser of mine, which cannot unsubscribe
 * itself from here); NOT_FOUND (`device_not_found`) when none of mine has it, someone else's included.
 */
export async function remove(ctx: Ctx, viewer: Viewer, id: string): Promise<{ removed: true }> {
  if (!(await pushSubscriptionsRepository(ctx.em).removeOwnById(viewer.id, id))) {
    throw new DomainError('NOT_FOUND', 'This device no longer gets push notifications.', undefined, 'device_not_found');
  }
  return { removed: true };
}

/** My subscribed browsers (of sessions still signed in), most recently subscribed first. */
export async function devices(ctx: Ctx, viewer: Viewer): Promise<PushDeviceListDto> {
  const rows = await pushSubscriptionsRepository(ctx.em).listLive(viewer.id, new Date());
  return { items: rows.map((r) => toPushDeviceDto(r, viewer.sessionId)) };
}

const clip = (value: string, max: number) => (value.length > max ? `${[...value].slice(0, max - 1).join('')}…` : value);
const utf8Length = (value: string) => Buffer.byteLength(value, 'utf8');

/** The JSON the service worker reads, clipped to fit one push record; a `url` that is not an app path becomes "/". */
function encodePayload(payload: PushPayload, log: (line: string) => void): string {
  const appPath = payload.url.length <= URL_MAX && /^\/(?![/\\])/.test(payload.url);
  if (!appPath) log(`web push: "${clip(payload.url, 80)}" is not a path of the app; the notification opens "/"`);
  const base = { title: clip(payload.title, TITLE_MAX), url: appPath ? payload.url : '/', tag: clip(payload.tag, TAG_MAX) };
  const make = (body: string) => JSON.stringify({ ...base, body });
  const chars = [...payload.body];
  let kept = chars.length;
  let json = make(payload.body);
  while (utf8Length(json) > PAYLOAD_MAX_BYTES && kept > 0) {
    kept = Math.floor(kept * 0.8);
    json = make(`${chars.slice(0, kept).join('')}…`);
  }
  return json;
}

/** Runs `work` over `items` with at most `limit` at once. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** `web-push`'s timeout is a socket idle timeout: this bounds the whole request too (it is abandoned, not awaited). */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

const originOf = (endpoint: string) => {
  try {
    return new URL(endpoint).origin;
  } catch {
    return 'an invalid endpoint';
  }
};

/**
 * Pushes `payload` to every browser `userId` has subscribed from a session that is still signed in (and whose account
 * is not locked); subscriptions of ended sessions are deleted first, so nothing reaches a signed-out or revoked
 * device. Each push is encrypted for its browser, carries a TTL and the urgency (and the tag as its topic, so a push
 * service keeps only the newest of a tag for an offline browser), runs at most `concurrency` at once and within
 * `timeoutMs`. Subscriptions the push service reports gone (404, 410) are deleted; other failures are logged, never
 * thrown. Returns the pushes accepted by push services and the subscriptions deleted. Push off: nothing happens.
 */
export async function pushToUser(ctx: Pick<Context, 'em' | 'deps'>, userId: string, payload: PushPayload): Promise<{ sent: number; removed: number }> {
  const on = vapidOf(ctx);
  if (!on) return { sent: 0, removed: 0 };
  const { push, vapid } = on;
  const log = push.log ?? (() => undefined);
  const repo = pushSubscriptionsRepository(ctx.em);
  let removed = 0;
  let targets: PushTarget[];
  try {
    const now = new Date();
    removed += await repo.pruneEnded(userId, now);
    targets = await repo.targets(userId, now);
  } catch (error) {
    log(`web push: could not read the subscriptions of user ${userId}: ${error instanceof Error ? error.message : String(error)}`);
    return { sent: 0, removed };
  }
  if (targets.length === 0) return { sent: 0, removed };

  const body = encodePayload(payload, log);
  const timeoutMs = push.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const topic = /^[A-Za-z0-9_-]{1,32}$/.test(payload.tag) ? payload.tag : undefined;
  const delivered: string[] = [];
  const gone: PushTarget[] = [];
  await eachLimited(targets, push.concurrency ?? DEFAULT_CONCURRENCY, async (target) => {
    // Checked again at send time: the allowed services may have changed since it subscribed.
    const refusal = endpointRefusal(target.endpoint, push.serviceOrigins);
    if (refusal) {
      log(`web push: skipped subscription ${target.id} (${originOf(target.endpoint)}): ${refusal}`);
      return;
    }
    try {
      await withDeadline(
        webpush.sendNotification({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, body, {
          vapidDetails: vapid,
          contentEncoding: 'aes128gcm',
          TTL: push.ttlSeconds ?? DEFAULT_TTL_SECONDS,
          urgency: payload.urgency,
          topic,
          timeout: timeoutMs,
          agent: push.agent,
        }),
        timeoutMs + 1000,
      );
      delivered.push(target.id);
    } catch (error) {
      if (error instanceof webpush.WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
        gone.push(target);
        return;
      }
      const why = error instanceof webpush.WebPushError ? `HTTP ${error.statusCode} ${clip(error.body, 200)}` : error instanceof Error ? error.message : String(error);
      log(`web push: ${originOf(target.endpoint)} refused or failed for subscription ${target.id}: ${why}`);
    }
  });

  try {
    removed += await repo.removeGone(gone);
    await repo.markPushed(delivered, new Date());
  } catch (error) {
    log(`web push: could not record deliveries for user ${userId}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { sent: delivered.length, removed };
}
