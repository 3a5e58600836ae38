// For stories and tests only: a browser whose push support and answers are chosen (setPushBrowser).
import { PushDeniedError, PushServiceError, type BrowserSubscription, type PushBrowser, type PushSupport } from './push-client.ts';

/** A fake browser for stories and tests: `support` as given; subscribing works unless the person refuses. */
export function fakePushBrowser(initial: PushSupport, options: { refuse?: boolean; subscribed?: boolean; serviceFails?: boolean } = {}): PushBrowser {
  let support = initial;
  const endpoint = 'https://fcm.googleapis.com/fcm/send/story-browser';
  const subscription: BrowserSubscription = { endpoint, expirationTime: null, keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) } };
  let subscribed = options.subscribed ?? false;
  return {
    support: () => support,
    current: async () => (subscribed ? subscription : null),
    async subscribe() {
      if (support === 'unsupported') throw new Error('unsupported');
      if (options.refuse || support === 'denied') {
        support = 'denied';
        throw new PushDeniedError();
      }
      support = 'granted';
      if (options.serviceFails) throw new PushServiceError(new DOMException('Registration failed - push service error', 'AbortError'));
      subscribed = true;
      return subscription;
    },
    async unsubscribe() {
      const was = subscribed;
      subscribed = false;
      return was ? endpoint : null;
    },
  };
}
