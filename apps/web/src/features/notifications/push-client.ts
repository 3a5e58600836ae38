// This browser's side of web push: whether it can, its permission, and its subscription at the push service. The
// service worker (public/sw.js) shows what arrives. Stories and tests swap the browser for a fake (setPushBrowser).

/** What this browser allows: no Push API at all, notifications blocked, not asked yet, or allowed. */
export type PushSupport = 'unsupported' | 'denied' | 'default' | 'granted';

/** A browser subscription as the server takes it (`PushSubscription.toJSON()`). */
export interface BrowserSubscription {
  endpoint: string;
  expirationTime: number | null;
  keys: { p256dh: string; auth: string };
}

export interface PushBrowser {
  support(): PushSupport;
  /** This browser's subscription, if it has one. */
  current(): Promise<BrowserSubscription | null>;
  /** Asks for permission (only ever from a click), registers the service worker and subscribes with `publicKey`. */
  subscribe(publicKey: string): Promise<BrowserSubscription>;
  /** Drops this browser's subscription; its endpoint, to tell the server (null when there was none). */
  unsubscribe(): Promise<string | null>;
}

/** The person said no (now or before): only the browser's site settings can undo it. */
export class PushDeniedError extends Error {
  constructor() {
    super('Notifications are blocked for this site.');
  }
}

/** The browser could not subscribe at its push service (offline, no push service in this build of the browser). */
export class PushServiceError extends Error {
  constructor(cause: unknown) {
    super('The browser could not subscribe to its push service.', { cause });
  }
}

export const SERVICE_WORKER_URL = '/sw.js';

const base64urlToBytes = (value: string) => {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
};

function toBrowserSubscription(sub: PushSubscription): BrowserSubscription {
  const json = sub.toJSON();
  return { endpoint: sub.endpoint, expirationTime: json.expirationTime ?? null, keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' } };
}

const sameKey = (sub: PushSubscription, key: Uint8Array) => {
  const current = sub.options.applicationServerKey;
  if (!current) return false;
  const bytes = new Uint8Array(current);
  return bytes.length === key.length && bytes.every((b, i) => b === key[i]);
};

/**
 * The real browser. In the mocked modes (dev:mock, Storybook) MSW's worker holds the root scope: registering ours
 * there would replace it, so the mocked app reports push as unsupported.
 */
const realBrowser: PushBrowser = {
  support() {
    if (import.meta.env.MODE === 'mock' || typeof window === 'undefined' || !window.isSecureContext) return 'unsupported';
    if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return 'unsupported';
    return Notification.permission;
  },
  async current() {
    if (this.support() === 'unsupported') return null;
    const registration = await navigator.serviceWorker.getRegistration('/');
    const sub = await registration?.pushManager.getSubscription();
    return sub ? toBrowserSubscription(sub) : null;
  },
  async subscribe(publicKey) {
    const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    if (permission !== 'granted') throw new PushDeniedError();
    const registration = await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' });
    await navigator.serviceWorker.ready;
    const key = base64urlToBytes(publicKey);
    let sub = await registration.pushManager.getSubscription();
    // Subscribed with another key (the server's keys changed): a browser keeps one subscription per worker.
    if (sub && !sameKey(sub, key)) {
      await sub.unsubscribe();
      sub = null;
    }
    try {
      sub ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    } catch (error) {
      // Blocked in between (a prompt answered elsewhere): say so as a refusal.
      if (Notification.permission === 'denied') throw new PushDeniedError();
      throw new PushServiceError(error);
    }
    return toBrowserSubscription(sub);
  },
  async unsubscribe() {
    if (this.support() === 'unsupported') return null;
    const registration = await navigator.serviceWorker.getRegistration('/');
    const sub = await registration?.pushManager.getSubscription();
    if (!sub) return null;
    await sub.unsubscribe();
    return sub.endpoint;
  },
};

let browser: PushBrowser = realBrowser;
export const pushBrowser = (): PushBrowser => browser;
/** Stories and tests: a fake browser (null: the real one again). */
export const setPushBrowser = (fake: PushBrowser | null) => {
  browser = fake ?? realBrowser;
};
