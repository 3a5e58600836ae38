// The push channel of notifications (issue 12): kinds whose push preference is on reach the recipient's subscribed
// browsers through a real push service (web-push-testing on 127.0.0.1), in their language; others do not.
import { Track } from '@veza/db';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleBackgroundWork } from '../account/background.ts';
import { createHarness, peopleOf, type Account, type Harness } from '../test/harness.ts';
import { startLocalPushService, type LocalPushService } from './push/testing/local-push-service.ts';
import { flushNotifications } from './notifications.service.ts';

const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:notification-tests@veza.test' };
let h: Harness;
let service: LocalPushService;
beforeAll(async () => {
  h = await createHarness();
  service = await startLocalPushService();
  h.deps.push = { vapid, serviceOrigins: [service.origin], agent: service.agent, timeoutMs: 2000 };
});
afterAll(async () => {
  await service?.close();
  await h?.close();
});

const people = peopleOf(() => h, 'np');
async function track(owner: Account, title: string) {
  const { id } = await h.upload(owner.token, undefined, { title });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready', durationMs: 180_000 });
  return id;
}
async function subscribeBrowser(who: Account) {
  const browser = await service.subscribe(vapid.publicKey);
  await who.api.push.subscribe({ endpoint: browser.endpoint, expirationTime: null, keys: browser.keys });
  return browser;
}
const received = (clientHash: string) => service.messages(clientHash).map((m) => JSON.parse(m) as { title: string; body: string; url: string; tag: string });

describe('notifications: push channel', () => {
  it('pushes the kinds whose push is on, in the recipient’s language, tagged per group', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const browser = await subscribeBrowser(ana);
    await ana.api.notifications.preferences.update({ language: 'fr' });
    expect((await ana.api.notifications.preferences.get()).pushAvailable).toBe(true);
    const id = await track(ana, 'Aube');

    await bob.api.tracks.like({ id }); // push off for likes by default
    await flushNotifications(h.deps);
    await bob.api.comments.create({ trackId: id, atMs: 1000, body: 'Superbe' });
    await settleBackgroundWork();
    const [group] = (await ana.api.notifications.list({})).items.filter((g) => g.type === 'comment.new');
    expect(received(browser.clientHash)).toEqual([{ title: `${bob.user.username} a commenté « Aube »`, body: 'Superbe', url: group?.url, tag: `notification-${group?.id}` }]);
    expect(service.requests.filter((r) => r.clientHash === browser.clientHash)).toMatchObject([{ urgency: 'normal', topic: `notification-${group?.id}` }]);

    // Switched off: nothing more is pushed (the centre still has it).
    await ana.api.notifications.preferences.update({ kinds: { comments: { push: false } } });
    await bob.api.comments.create({ trackId: id, atMs: 2000, body: 'Encore' });
    await settleBackgroundWork();
    expect(received(browser.clientHash)).toHaveLength(1);
    expect((await ana.api.notifications.unreadCount()).unread).toBe(2);
  });
});
