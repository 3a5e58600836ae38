// The notification centre (issue 12) through tRPC callers on the real database (PGlite, or PostgreSQL with
// DATABASE_URL): groups per kind and subject, the hot path of a like (no notification query), unread count (also
// live), mark read, preferences, mails over real SMTP with one-click unsubscribe, and the refusals.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notification, Track, User, type QueryEvent } from '@veza/db';
import { SmtpMailer } from '../mail/smtp-mailer.ts';
import { processTrack } from '../tracks/processing.service.ts';
import { createHarness, peopleOf, trpcError, type Account, type Harness } from '../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../test/smtp.ts';
import { flushNotifications, processingNotice, securityNotice, setCoalesceDelay } from './notifications.service.ts';
import { makeUnsubscribeToken, UNSUBSCRIBE_TTL_MS } from './unsubscribe.ts';

let h: Harness;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
  h = await createHarness({ mailer: () => new SmtpMailer(smtp.url, 'Veza <no-reply@veza.test>'), appOrigin: 'https://veza.test' });
  // Counted groups wait for the tests' explicit flushes (which end the wait), so what one flush does is exact.
  setCoalesceDelay(h.deps, 60_000);
});
afterAll(async () => {
  await h.close();
  await smtp.close();
});

const people = peopleOf(() => h, 'nc');
/** A ready track of 3 minutes. */
async function track(owner: Account, title = 'Night Drive') {
  const { id } = await h.upload(owner.token, undefined, { title });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready', durationMs: 180_000 });
  return id;
}
const emailOf = (who: Account) => `${who.user.username}@example.com`;
/** Notification mails go to verified addresses only (the sign-up's confirmation mail is taken out of the way). */
async function verify(who: Account) {
  await smtp.waitForMail(emailOf(who));
  await h.db.fork().nativeUpdate(User, { id: who.user.id }, { emailVerifiedAt: new Date() });
}
const centre = (who: Account) => who.api.notifications.list({});

describe('notification groups', () => {
  it('groups likes per track: the latest actors and a count, newest first, without a query per like', async () => {
    const [owner, ...fans] = await people('own', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6');
    const id = await track(owner);
    await flushNotifications(h.deps);

    const queries: QueryEvent[] = [];
    h.db.setQueryHook((event) => queries.push(event));
    const perLike: number[] = [];
    try {
      for (const fan of fans) {
        const before = queries.length;
        await fan.api.tracks.like({ id });
        perLike.push(queries.length - before);
      }
    } finally {
      h.db.setQueryHook(null);
    }
    // The hot path: no notification table touched by a like, and every like costs the same.
    expect(queries.filter((q) => q.summary.includes('notification'))).toEqual([]);
    expect(new Set(perLike).size).toBe(1);

    // The coalesced work: one write of the owner's group for all six likes.
    h.db.setQueryHook((event) => queries.push(event));
    const seen = queries.length;
    try {
      await flushNotifications(h.deps);
    } finally {
      h.db.setQueryHook(null);
    }
    const flush = queries.slice(seen);
    expect(flush.filter((q) => /^(insert|update|delete) notifications/.test(q.summary))).toHaveLength(1);
    // Then what delivery reads (the group, the recipient's settings, the unread count, the actors): a handful, not per like.
    expect(flush.length).toBeLessThanOrEqual(8);

    const page = await centre(owner);
    expect(page.items).toHaveLength(1);
    const [group] = page.items;
    expect(group).toMatchObject({ type: 'track.liked', kind: 'likes', actorCount: 6, read: false, target: { type: 'track', trackId: id, title: 'Night Drive' }, url: `/tracks/${id}` });
    expect(group?.actors.map((a) => a.username)).toEqual([fans[5], fans[4], fans[3]].map((f) => f?.user.username));
    expect(await owner.api.notifications.unreadCount()).toEqual({ unread: 1 });
    expect(await h.db.fork().count(Notification, { recipient: owner.user.id })).toBe(1);

    // More likes update the same unread group; once read, the next like opens a new one.
    await owner.api.notifications.markRead({ id: group?.id ?? '' });
    const [late] = await people('late');
    await late?.api.tracks.like({ id });
    await flushNotifications(h.deps);
    const after = await centre(owner);
    expect(after.items.map((g) => [g.actorCount, g.read, g.actors.map((a) => a.username)])).toEqual([
      [1, false, [late?.user.username]],
      [6, true, expect.any(Array)],
    ]);
  });

  it('agrees across instances: each counts the likes it handled, and the group holds them all once', async () => {
    const { createContext } = await import('../context.ts');
    const { createCaller } = await import('../root.ts');
    const [owner, ...fans] = await people('own2', 'g1', 'g2', 'g3', 'g4');
    const id = await track(owner);
    // Two server instances: same database and bus, each with its own pending work.
    const other = { ...h.deps };
    setCoalesceDelay(other, 60_000);
    const on = async (deps: typeof h.deps, who: Account) =>
      createCaller(await createContext(deps, { authorization: `Bearer ${who.token}`, cookies: null, meta: { ip: null, userAgent: null } }));
    for (const [index, fan] of fans.entries()) await (await on(index % 2 ? other : h.deps, fan)).tracks.like({ id });
    await Promise.all([flushNotifications(h.deps), flushNotifications(other)]);
    await Promise.all([flushNotifications(other), flushNotifications(h.deps)]);
    const { items } = await centre(owner);
    expect(items.map((g) => [g.type, g.actorCount, g.actors.map((a) => a.username)])).toEqual([
      ['track.liked', 4, [fans[3], fans[2], fans[1]].map((f) => f?.user.username)],
    ]);
  });

  it('groups follows, reposts, comments and invites by kind and subject, with what the web needs to link to them', async () => {
    const [ana, bob, cat, dan] = await people('ana', 'bob', 'cat', 'dan');
    const id = await track(ana, 'Loop');
    await bob.api.social.follow({ username: ana.user.username });
    await cat.api.social.follow({ username: ana.user.username });
    await bob.api.social.repost({ trackId: id });
    const first = await bob.api.comments.create({ trackId: id, atMs: 1000, body: 'Great intro' });
    await cat.api.comments.create({ trackId: id, atMs: 2000, body: 'The bass!' });
    await dan.api.comments.create({ trackId: id, parentId: first.id, body: `@${ana.user.username} agreed` });
    const mine = await ana.api.comments.create({ trackId: id, atMs: 3000, body: 'Thanks all' });
    await bob.api.comments.create({ trackId: id, parentId: mine.id, body: 'You are welcome' });
    const playlist = await dan.api.playlists.create({ title: 'Together' });
    await dan.api.playlists.invite({ id: playlist.id, username: ana.user.username });
    await flushNotifications(h.deps);

    const { items } = await centre(ana);
    const byType = (type: string) => items.filter((g) => g.type === type);
    expect(byType('follow.new')).toEqual([
      expect.objectContaining({ kind: 'follows', actorCount: 2, actors: [expect.objectContaining({ username: cat.user.username }), expect.objectContaining({ username: bob.user.username })], url: `/u/${cat.user.username}` }),
    ]);
    expect(byType('track.reposted')).toEqual([expect.objectContaining({ actorCount: 1, target: { type: 'track', trackId: id, title: 'Loop' } })]);
    const comments = byType('comment.new');
    // Everything on my track is one group (bob twice counts once); the latest comment is what it links to.
    expect(comments.map((g) => [g.target.type === 'comment' ? g.target.on : null, g.actorCount, g.actors.map((a) => a.username)])).toEqual([
      ['my_track', 3, [bob.user.username, dan.user.username, cat.user.username]],
    ]);
    expect(comments[0]?.target).toMatchObject({ type: 'comment', trackId: id, trackTitle: 'Loop', excerpt: 'You are welcome' });
    expect(comments[0]?.url).toMatch(new RegExp(`^/tracks/${id}\\?comment=`));
    // bob hears of dan's reply to his comment, as a reply.
    const [reply] = (await centre(bob)).items;
    expect(reply).toMatchObject({ type: 'comment.new', actorCount: 1, target: { on: 'my_comment', commentId: expect.any(String), excerpt: `@${ana.user.username} agreed` } });
    expect(byType('playlist.invite')).toEqual([expect.objectContaining({ kind: 'invites', target: { type: 'playlist', playlistId: playlist.id, title: 'Together' }, url: `/playlists/${playlist.id}` })]);
    // Newest first (counted groups take their place when they are counted).
    expect(items.map((g) => BigInt(g.seq))).toEqual([...items.map((g) => BigInt(g.seq))].sort((a, b) => (a > b ? -1 : 1)));
    expect((await ana.api.notifications.unreadCount()).unread).toBe(items.length);
  });

  it('pages with a cursor, marks all read up to what was seen, and tells processing and security notices', async () => {
    const [eve] = await people('eve');
    if (!eve) throw new Error('no eve');
    const ids = [await track(eve, 'One'), await track(eve, 'Two'), await track(eve, 'Three')];
    const ctx = { em: h.db.fork(), deps: h.deps };
    await processingNotice(ctx, { trackId: ids[0] ?? '', ownerId: eve.user.id, status: 'ready' });
    // Where processing ends (a final failure here: the file is longer than this server takes).
    const scratchDir = await mkdtemp(join(tmpdir(), 'veza-nc-'));
    await h.db.fork().nativeUpdate(Track, { id: ids[1] ?? '' }, { status: 'queued' });
    await processTrack(h.deps, ids[1] ?? '', { signal: new AbortController().signal, lastAttempt: true, maxDurationMs: 10, scratchDir });
    await rm(scratchDir, { recursive: true, force: true });
    const reason = (await h.db.fork().findOneOrFail(Track, { id: ids[1] ?? '' })).failureReason;
    expect(reason).toEqual(expect.any(String));
    await securityNotice(ctx, eve.user.id, 'passkey_added');

    const first = await eve.api.notifications.list({ limit: 2 });
    expect(first.items.map((g) => g.type)).toEqual(['security.notice', 'track.failed']);
    expect(first.items[0]).toMatchObject({ kind: 'security', actors: [], target: { type: 'security', change: 'passkey_added' }, url: '/settings/security' });
    expect(first.items[1]).toMatchObject({ kind: 'processing', detail: reason, target: { title: 'Two' } });
    expect(first.nextCursor).not.toBeNull();
    const second = await eve.api.notifications.list({ limit: 2, cursor: first.nextCursor });
    expect(second).toMatchObject({ items: [{ type: 'track.processed', target: { title: 'One' } }], nextCursor: null });

    // Something new arrives after the reader looked: "mark all read" up to what they saw leaves it unread.
    const seenUpTo = first.items[0]?.seq ?? '';
    await processingNotice(ctx, { trackId: ids[2] ?? '', ownerId: eve.user.id, status: 'ready' });
    expect(await eve.api.notifications.markAllRead({ upTo: seenUpTo })).toEqual({ marked: 3, unread: 1 });
    expect(await eve.api.notifications.markAllRead({})).toEqual({ marked: 1, unread: 0 });
    expect((await eve.api.notifications.list({})).items.every((g) => g.read)).toBe(true);
  });

  it('lists only the unread groups when asked, a page at a time, with the kinds hidden in the app left out', async () => {
    const [uma] = await people('uma');
    const ctx = { em: h.db.fork(), deps: h.deps };
    // Seven groups, oldest first (n1 … n7), and a processing notice of a kind uma then hides in the app.
    for (const n of [1, 2, 3, 4, 5, 6, 7]) await securityNotice(ctx, uma.user.id, `change_${n}`);
    await processingNotice(ctx, { trackId: await track(uma, 'Hidden'), ownerId: uma.user.id, status: 'ready' });
    await uma.api.notifications.preferences.update({ kinds: { processing: { inApp: false } } });
    type Group = Awaited<ReturnType<typeof centre>>['items'][number];
    const change = (g: Group) => (g.target.type === 'security' ? g.target.change : g.type);
    const all = (await uma.api.notifications.list({ limit: 50 })).items;
    expect(all.map(change)).toEqual(['change_7', 'change_6', 'change_5', 'change_4', 'change_3', 'change_2', 'change_1']);
    const byChange = new Map(all.map((g) => [change(g), g.id]));
    for (const name of ['change_2', 'change_4', 'change_5']) await uma.api.notifications.markRead({ id: byChange.get(name) ?? '' });

    const first = await uma.api.notifications.list({ limit: 2, unreadOnly: true });
    expect(first.items.map((g) => [change(g), g.read])).toEqual([['change_7', false], ['change_6', false]]);
    expect(first.nextCursor).toBe(first.items[1]?.seq);
    // Between pages: one of the next page is read, and something new arrives (above the cursor: not on later pages).
    await uma.api.notifications.markRead({ id: byChange.get('change_3') ?? '' });
    await securityNotice(ctx, uma.user.id, 'change_8');
    const second = await uma.api.notifications.list({ limit: 2, unreadOnly: true, cursor: first.nextCursor });
    expect(second.items.map((g) => [change(g), g.read])).toEqual([['change_1', false]]);
    expect(second.nextCursor).toBeNull();
    // From the top again: the new one first; exactly a page's worth leaves no next page.
    const again = await uma.api.notifications.list({ limit: 4, unreadOnly: true });
    expect(again.items.map(change)).toEqual(['change_8', 'change_7', 'change_6', 'change_1']);
    expect(again.nextCursor).toBeNull();
    expect((await uma.api.notifications.unreadCount()).unread).toBe(4);
    // Off (the default): read and unread alike.
    expect((await uma.api.notifications.list({ limit: 50, unreadOnly: false })).items).toHaveLength(8);
    expect((await uma.api.notifications.list({})).items).toHaveLength(8);

    // Everything read: an empty unread page.
    await uma.api.notifications.markAllRead({});
    expect(await uma.api.notifications.list({ unreadOnly: true })).toEqual({ items: [], nextCursor: null });

    for (const unreadOnly of ['true', 1, null, {}]) {
      expect((await trpcError(() => uma.api.notifications.list({ unreadOnly } as never))).code, JSON.stringify(unreadOnly)).toBe('BAD_REQUEST');
    }
  });

  it('carries the unread count live', async () => {
    const [fay, gus] = await people('fay', 'gus');
    const controller = new AbortController();
    const api = await h.caller({ token: fay.token, signal: controller.signal });
    const iterator = ((await api.notifications.onUnread()) as AsyncIterable<{ unread: number }>)[Symbol.asyncIterator]();
    const next = () =>
      Promise.race([iterator.next(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no count')), 5000))]).then((r) => r.value as { unread: number });
    try {
      expect(await next()).toEqual({ unread: 0 });
      await gus.api.social.follow({ username: fay.user.username });
      await flushNotifications(h.deps);
      expect(await next()).toEqual({ unread: 1 });
      await fay.api.notifications.markAllRead({});
      expect(await next()).toEqual({ unread: 0 });
    } finally {
      controller.abort();
    }
  });

  it('refuses unknown ids, someone else’s notifications and bad input, changing nothing', async () => {
    const [hal, ida] = await people('hal', 'ida');
    await ida.api.social.follow({ username: hal.user.username });
    await flushNotifications(h.deps);
    const [group] = (await centre(hal)).items;
    const id = group?.id ?? '';
    const notFound = await trpcError(() => ida.api.notifications.markRead({ id }));
    expect(notFound).toMatchObject({ code: 'NOT_FOUND', message: 'This notification does not exist.' });
    expect((await trpcError(() => hal.api.notifications.markRead({ id: '999999999999' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(() => hal.api.notifications.markRead({ id: 'abc' }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(() => hal.api.notifications.markRead({ id: '99999999999999999999' }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(() => hal.api.notifications.list({ limit: 51 }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(() => hal.api.notifications.list({ cursor: 'x'.repeat(300) }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(() => hal.api.notifications.markAllRead({ upTo: '-1' }))).code).toBe('BAD_REQUEST');
    // Someone else's list never shows it; nothing was marked read.
    expect((await centre(ida)).items).toEqual([]);
    expect(await hal.api.notifications.unreadCount()).toEqual({ unread: 1 });
    // Marking read twice is fine.
    expect(await hal.api.notifications.markRead({ id })).toEqual({ unread: 0 });
    expect(await hal.api.notifications.markRead({ id })).toEqual({ unread: 0 });
    const anonymous = await h.caller();
    for (const call of [() => anonymous.notifications.list({}), () => anonymous.notifications.unreadCount(), () => anonymous.notifications.markAllRead({}), () => anonymous.notifications.preferences.get()]) {
      expect((await trpcError(call)).code).toBe('UNAUTHORIZED');
    }
  });
});

describe('preferences', () => {
  it('has sensible defaults, changes per kind and channel, hides kinds switched off in the app', async () => {
    const [jon, kim] = await people('jon', 'kim');
    const defaults = await jon.api.notifications.preferences.get();
    expect(defaults).toMatchObject({ language: 'en', locked: { security: ['inApp', 'email'] }, pushAvailable: false });
    expect(defaults.kinds).toMatchObject({
      likes: { inApp: true, push: false, email: false },
      follow_requests: { inApp: true, email: true },
      comments: { inApp: true, push: true, email: true },
      mentions: { push: true, email: false },
      invites: { push: true },
      security: { inApp: true, email: true },
    });

    await kim.api.social.follow({ username: jon.user.username });
    await flushNotifications(h.deps);
    expect(await jon.api.notifications.unreadCount()).toEqual({ unread: 1 });
    const updated = await jon.api.notifications.preferences.update({ language: 'fr', kinds: { follows: { inApp: false }, likes: { email: true } } });
    expect(updated.language).toBe('fr');
    expect(updated.kinds.follows).toEqual({ inApp: false, push: false, email: false });
    expect(updated.kinds.likes).toEqual({ inApp: true, push: false, email: true });
    // Hidden from the centre and the count, not deleted.
    expect((await centre(jon)).items).toEqual([]);
    expect(await jon.api.notifications.unreadCount()).toEqual({ unread: 0 });
    // A later change keeps the other choices.
    const again = await jon.api.notifications.preferences.update({ kinds: { follows: { inApp: true } } });
    expect(again.kinds.likes.email).toBe(true);
    expect(again.language).toBe('fr');
    expect(await jon.api.notifications.unreadCount()).toEqual({ unread: 1 });
  });

  it('refuses switching off security notices, unknown kinds or channels, and malformed input', async () => {
    const [lou] = await people('lou');
    const locked = await trpcError(() => lou.api.notifications.preferences.update({ kinds: { security: { email: false } } }));
    expect(locked).toMatchObject({ code: 'BAD_REQUEST' });
    expect(locked.message).toMatch(/Security notices are always on/);
    const bad = [
      { kinds: { nope: { email: false } } },
      { kinds: { likes: { sms: true } } },
      { kinds: { likes: { email: 'yes' } } },
      { language: 'de' },
      { kinds: { likes: { email: true } }, extra: 1 },
    ];
    for (const input of bad) {
      expect((await trpcError(() => lou.api.notifications.preferences.update(input as never))).code).toBe('BAD_REQUEST');
    }
    expect((await lou.api.notifications.preferences.get()).kinds.likes.email).toBe(false);
  });
});

describe('notification mails', () => {
  it('mails a new group once in the recipient’s language, with one-click unsubscribe that works signed out', async () => {
    const [mia, ned, oli] = await people('mia', 'ned', 'oli');
    await verify(mia);
    await mia.api.notifications.preferences.update({ language: 'fr' });
    const id = await track(mia, 'Aube');
    await ned.api.comments.create({ trackId: id, atMs: 1000, body: 'Superbe <3' });
    const mail = await smtp.waitForMail(emailOf(mia));
    // (The test server's header decoding drops the space at an encoded-word boundary.)
    expect(mail.subject.replace(/\s/g, '')).toBe(`${ned.user.username}acommenté«Aube»`);
    expect(mail.text).toContain(`${ned.user.username} a commenté « Aube »`);
    expect(mail.text).toContain('« Superbe <3 »');
    expect(mail.text).toContain(`https://veza.test/tracks/${id}?comment=`);
    expect(mail.html).toContain('Superbe &lt;3');
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const header = (/^List-Unsubscribe: <([^>]+)>/m.exec(mail.raw.replace(/\r?\n[ \t]+/g, ' '))?.[1] ?? '').replace(/\s/g, '');
    expect(header).toMatch(/^https:\/\/veza\.test\/api\/notifications\/unsubscribe\?token=/);
    const pageLink = /https:\/\/veza\.test\/unsubscribe\?token=([A-Za-z0-9_.-]+)/.exec(mail.text)?.[1] ?? '';
    expect(new URL(header).searchParams.get('token')).toBe(pageLink);

    // A second comment joins the group: no second mail. The actor's own comment mails nobody.
    await oli.api.comments.create({ trackId: id, atMs: 2000, body: 'Oui' });
    await mia.api.comments.create({ trackId: id, atMs: 3000, body: 'Merci' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.mailsTo(emailOf(mia)).filter((m) => m.subject.includes('Aube'))).toHaveLength(1);

    // Signed out, with the token only.
    const anonymous = await h.caller();
    expect(await anonymous.notifications.unsubscribe({ token: pageLink })).toEqual({ kind: 'comments', channel: 'email', username: mia.user.username });
    expect(await anonymous.notifications.unsubscribe({ token: pageLink })).toEqual({ kind: 'comments', channel: 'email', username: mia.user.username });
    expect((await mia.api.notifications.preferences.get()).kinds.comments).toEqual({ inApp: true, push: true, email: false });
    // Mails stop; the centre still has it.
    await mia.api.notifications.markAllRead({});
    await ned.api.comments.create({ trackId: id, atMs: 4000, body: 'Encore' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.mailsTo(emailOf(mia)).filter((m) => m.subject.includes('Aube'))).toHaveLength(1);
    expect((await mia.api.notifications.unreadCount()).unread).toBe(1);
  });

  it('mails follow requests in English by default, and nothing for kinds not chosen by mail or unverified addresses', async () => {
    const [pia, quy, ray] = await people('pia', 'quy', 'ray');
    await verify(pia);
    // Likes are not mailed by default.
    const id = await track(pia);
    await ray.api.tracks.like({ id });
    await flushNotifications(h.deps);
    await pia.api.users.updateProfile({ isPrivate: true });
    await quy.api.social.follow({ username: pia.user.username });
    const mail = await smtp.waitForMail(emailOf(pia));
    expect(mail.subject).toBe(`${quy.user.username} asks to follow you`);
    expect(mail.text).toContain('https://veza.test/follow-requests');
    expect(mail.text).toContain('You get this email because email notifications for follow requests are on.');
    // ray's address is not verified.
    const rayTrack = await track(ray);
    await pia.api.comments.create({ trackId: rayTrack, atMs: 0, body: 'Hi' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.mailsTo(emailOf(pia)).filter((m) => !/confirm/i.test(m.subject))).toHaveLength(1);
    expect(smtp.mailsTo(emailOf(ray)).filter((m) => !/confirm/i.test(m.subject))).toHaveLength(0);
  });

  it('refuses forged, malformed, expired and oversize unsubscribe tokens, changing nothing', async () => {
    const [sam] = await people('sam');
    const anonymous = await h.caller();
    const good = makeUnsubscribeToken(h.deps, sam.user.id, 'comments');
    const parts = good.split('.');
    const forgedKind = [...parts.slice(0, 2), 'likes', ...parts.slice(3)].join('.');
    const otherUser = [parts[0], '00000000-0000-4000-8000-000000000000', ...parts.slice(2)].join('.');
    for (const token of [forgedKind, otherUser, `${good}x`, 'not-a-token', good.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))]) {
      const error = await trpcError(() => anonymous.notifications.unsubscribe({ token }));
      expect(error).toMatchObject({ code: 'BAD_REQUEST', message: 'This unsubscribe link is not valid. Sign in and change your notification settings instead.' });
    }
    const expired = makeUnsubscribeToken(h.deps, sam.user.id, 'comments', Date.now() - UNSUBSCRIBE_TTL_MS - 1000);
    expect(await trpcError(() => anonymous.notifications.unsubscribe({ token: expired }))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/expired/) });
    for (const token of ['', 'a'.repeat(401), 'a b', 42]) {
      expect((await trpcError(() => anonymous.notifications.unsubscribe({ token } as never))).code).toBe('BAD_REQUEST');
    }
    // Security notices cannot be unsubscribed from, even with a genuine token.
    const security = makeUnsubscribeToken(h.deps, sam.user.id, 'security');
    expect((await trpcError(() => anonymous.notifications.unsubscribe({ token: security }))).code).toBe('BAD_REQUEST');
    expect((await sam.api.notifications.preferences.get()).kinds.comments.email).toBe(true);
  });
});
