// chat.messages.search through tRPC callers (PGlite, or PostgreSQL with DATABASE_URL): whole and partial words,
// CJK text, ranking, who sees what, deleted messages, every filter (fields and inline syntax), paging, bad input and
// the rate limit.
import { randomUUID } from 'node:crypto';
import { SEARCH_WINDOW } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimits } from '../security/rate-limits.ts';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import { decodeSearchCursor, encodeSearchCursor, highlightsOf } from './search.service.ts';

let h: Harness;
type Account = Awaited<ReturnType<Harness['signUp']>>;
let ana: Account;
let bob: Account;
let cleo: Account;
/** ana's rooms: `jam` (public, bob in it too) and `studio` (private); bob's own private `secret`; cleo's public `open`. */
let jam: string;
let studio: string;
let secret: string;
let open: string;

const send = async (who: Account, roomId: string, body: string) => who.api.chat.messages.send({ roomId, body, clientMessageId: randomUUID() });
const bodies = (page: { items: { message: { body: string } }[] }) => page.items.map((i) => i.message.body);

beforeAll(async () => {
  h = await createHarness();
  ana = await h.signUp('s.ana');
  bob = await h.signUp('s.bob');
  cleo = await h.signUp('s.cleo');
  jam = (await ana.api.chat.rooms.create({ name: 'Jam', visibility: 'public' })).id;
  studio = (await ana.api.chat.rooms.create({ name: 'Studio', visibility: 'private' })).id;
  secret = (await bob.api.chat.rooms.create({ name: 'Secret', visibility: 'private' })).id;
  open = (await cleo.api.chat.rooms.create({ name: 'Open', visibility: 'public' })).id;
  await bob.api.chat.rooms.join({ roomId: jam });
});
afterAll(() => h.close());

describe('chat.messages.search: matching and ranking', () => {
  it('finds whole words and partial words (prefix and infix), ignoring case, with highlights', async () => {
    const m = await send(ana, studio, 'Bring the Guitare tonight');
    await send(ana, studio, 'nothing to see');
    for (const query of ['guitare', 'GUITARE', 'guit', 'itar', 'uitar']) {
      const page = await ana.api.chat.messages.search({ query });
      expect(bodies(page), query).toEqual(['Bring the Guitare tonight']);
      expect(page.items[0]?.message.id).toBe(m.id);
      expect(page.items[0]?.room).toEqual({ id: studio, name: 'Studio', kind: 'room' });
    }
    const [hit] = (await ana.api.chat.messages.search({ query: 'itar' })).items;
    expect(hit?.highlights).toEqual([[12, 16]]);
    expect(hit?.message.body.slice(12, 16)).toBe('itar');
    // A 2-character term matches the start of a word only.
    expect(bodies(await ana.api.chat.messages.search({ query: 'gu' }))).toEqual(['Bring the Guitare tonight']);
    expect(bodies(await ana.api.chat.messages.search({ query: 'ui' }))).toEqual([]);
    // Every term must match.
    expect(bodies(await ana.api.chat.messages.search({ query: 'guitare tonight' }))).toEqual(['Bring the Guitare tonight']);
    expect(bodies(await ana.api.chat.messages.search({ query: 'guitare demain' }))).toEqual([]);
    // A 2-character word start beside longer terms (checked on the rows the longer terms' index finds, when cheaper).
    await send(ana, studio, 'Concert ce soir au club');
    await send(ana, studio, 'concert, cette fois le soir');
    await send(ana, studio, 'concert du soir');
    expect(bodies(await ana.api.chat.messages.search({ query: 'concert ce soir' }))).toEqual(['Concert ce soir au club', 'concert, cette fois le soir']);
    expect(bodies(await ana.api.chat.messages.search({ query: 'soir du' }))).toEqual(['concert du soir']);
  });

  it('finds Chinese, Japanese and Korean text from 2 characters, anywhere in a sentence', async () => {
    await send(ana, studio, '新しい音楽を聴く');
    await send(ana, studio, '音がいい');
    await send(ana, studio, '오늘 밤 라이브 공연');
    for (const query of ['音楽', '音楽を', 'しい音楽を聴', '聴く']) {
      expect(bodies(await ana.api.chat.messages.search({ query })), query).toEqual(['新しい音楽を聴く']);
    }
    expect(bodies(await ana.api.chat.messages.search({ query: '楽音' }))).toEqual([]);
    expect(bodies(await ana.api.chat.messages.search({ query: '라이브' }))).toEqual(['오늘 밤 라이브 공연']);
    const [hit] = (await ana.api.chat.messages.search({ query: '音楽' })).items;
    expect(hit?.highlights).toEqual([[3, 5]]);
    // A single CJK character goes with another term.
    expect(bodies(await ana.api.chat.messages.search({ query: '音 聴く' }))).toEqual(['新しい音楽を聴く']);
  });

  it('ranks the exact whole-word hit first, then word starts, then matches inside words; ties newest first', async () => {
    const infix = await send(ana, jam, 'a resynthesized playlist');
    const prefix = await send(ana, jam, 'the synthwave set');
    const older = await send(ana, jam, 'my synth is broken');
    const exact = await send(ana, jam, 'modular synth jam');
    const page = await ana.api.chat.messages.search({ query: 'synth' });
    expect(page.items.map((i) => i.message.id)).toEqual([exact.id, older.id, prefix.id, infix.id]);
    expect(page.items.map((i) => i.rank)).toEqual([2, 2, 1, 0]);
    // "ynth" is inside every word: all in the same (lowest) tier, newest first.
    const inside = await ana.api.chat.messages.search({ query: 'ynth' });
    expect(inside.items.map((i) => i.message.id)).toEqual([exact.id, older.id, prefix.id, infix.id]);
    expect(inside.items.map((i) => i.rank)).toEqual([0, 0, 0, 0]);
  });

  it('finds French words with accents, and treats LIKE wildcards literally', async () => {
    await send(ana, studio, 'Répétition générale à 20h');
    await send(ana, studio, '100% live_set');
    expect(bodies(await ana.api.chat.messages.search({ query: 'RÉPÉTITION' }))).toEqual(['Répétition générale à 20h']);
    expect(bodies(await ana.api.chat.messages.search({ query: 'généra' }))).toEqual(['Répétition générale à 20h']);
    expect(bodies(await ana.api.chat.messages.search({ query: '0%' }))).toEqual([]);
    expect(bodies(await ana.api.chat.messages.search({ query: '00%' }))).toEqual(['100% live_set']);
    expect(bodies(await ana.api.chat.messages.search({ query: 'e_s' }))).toEqual(['100% live_set']);
    expect(bodies(await ana.api.chat.messages.search({ query: 'e%s' }))).toEqual([]);
  });
});

describe('chat.messages.search: who sees what', () => {
  it("searches my rooms only: not others' private rooms, not public rooms I have not joined (unless named with in:)", async () => {
    await send(bob, secret, 'zebra secret plan');
    await send(cleo, open, 'zebra in the open');
    await send(ana, jam, 'zebra jam');
    expect(bodies(await ana.api.chat.messages.search({ query: 'zebra' }))).toEqual(['zebra jam']);
    expect(bodies(await ana.api.chat.messages.search({ query: `zebra in:${open}` }))).toEqual(['zebra in the open']);
    expect(bodies(await ana.api.chat.messages.search({ query: 'zebra', roomId: open }))).toEqual(['zebra in the open']);
    // Someone else's private room, or a room that does not exist: NOT_FOUND, as everywhere in chat.
    expect(await trpcError(() => ana.api.chat.messages.search({ query: 'zebra', roomId: secret }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => ana.api.chat.messages.search({ query: `zebra in:${randomUUID()}` }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(bodies(await bob.api.chat.messages.search({ query: 'zebra' }))).toEqual(['zebra jam', 'zebra secret plan']);
  });

  it('stops finding a room after leaving it, being kicked or banned', async () => {
    const room = (await cleo.api.chat.rooms.create({ name: 'Temp', visibility: 'public' })).id;
    await bob.api.chat.rooms.join({ roomId: room });
    await send(cleo, room, 'okapi sighting');
    expect(bodies(await bob.api.chat.messages.search({ query: 'okapi' }))).toEqual(['okapi sighting']);
    await bob.api.chat.rooms.leave({ roomId: room });
    expect(bodies(await bob.api.chat.messages.search({ query: 'okapi' }))).toEqual([]);
    await bob.api.chat.rooms.join({ roomId: room });
    await cleo.api.chat.members.kick({ roomId: room, userId: bob.user.id });
    expect(bodies(await bob.api.chat.messages.search({ query: 'okapi' }))).toEqual([]);
    await bob.api.chat.rooms.join({ roomId: room });
    await cleo.api.chat.members.ban({ roomId: room, userId: bob.user.id });
    expect(bodies(await bob.api.chat.messages.search({ query: 'okapi' }))).toEqual([]);
    // Banned from a public room: not even by naming it.
    expect(await trpcError(() => bob.api.chat.messages.search({ query: 'okapi', roomId: room }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('never finds deleted messages', async () => {
    const m = await send(ana, jam, 'walrus tune');
    expect(bodies(await ana.api.chat.messages.search({ query: 'walrus' }))).toEqual(['walrus tune']);
    await ana.api.chat.messages.delete({ messageId: m.id });
    expect(bodies(await ana.api.chat.messages.search({ query: 'walrus' }))).toEqual([]);
    expect(bodies(await bob.api.chat.messages.search({ query: `walrus in:${jam}` }))).toEqual([]);
  });

  it('leaves out messages of people I blocked, until I unblock them', async () => {
    await send(bob, jam, 'marmot from bob');
    await send(ana, jam, 'marmot from ana');
    await ana.api.users.block({ username: 's.bob' });
    expect(bodies(await ana.api.chat.messages.search({ query: 'marmot' }))).toEqual(['marmot from ana']);
    // One-way: bob still finds ana's.
    expect(bodies(await bob.api.chat.messages.search({ query: 'marmot' }))).toEqual(['marmot from ana', 'marmot from bob']);
    await ana.api.users.unblock({ username: 's.bob' });
    expect(bodies(await ana.api.chat.messages.search({ query: 'marmot' }))).toEqual(['marmot from ana', 'marmot from bob']);
  });

  it('finds an edited message by its new text only', async () => {
    const m = await send(ana, studio, 'lemur take one');
    await ana.api.chat.messages.edit({ messageId: m.id, body: 'gecko take two' });
    expect(bodies(await ana.api.chat.messages.search({ query: 'lemur' }))).toEqual([]);
    const [hit] = (await ana.api.chat.messages.search({ query: 'gecko' })).items;
    expect(hit?.message).toMatchObject({ id: m.id, body: 'gecko take two', editedAt: expect.any(String) });
  });

  it('needs a signed-in user', async () => {
    const anonymous = await h.caller();
    expect(await trpcError(() => anonymous.chat.messages.search({ query: 'zebra' }))).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('chat.messages.search: filters', () => {
  let room: string;
  beforeAll(async () => {
    room = (await ana.api.chat.rooms.create({ name: 'Filters', visibility: 'public' })).id;
    await bob.api.chat.rooms.join({ roomId: room });
  });

  it('from: a user (field or inline, with or without @); an unknown user finds nothing', async () => {
    await send(ana, room, 'tapir by ana');
    await send(bob, room, 'tapir by bob');
    expect(bodies(await ana.api.chat.messages.search({ query: 'tapir from:s.bob' }))).toEqual(['tapir by bob']);
    expect(bodies(await ana.api.chat.messages.search({ query: 'tapir FROM:@S.Bob' }))).toEqual(['tapir by bob']);
    expect(bodies(await ana.api.chat.messages.search({ query: 'tapir', fromUsername: 's.ana' }))).toEqual(['tapir by ana']);
    expect(bodies(await ana.api.chat.messages.search({ query: 'tapir from:nobody.here' }))).toEqual([]);
  });

  it('in: a room narrows the search to it', async () => {
    await send(ana, room, 'quokka here');
    await send(ana, studio, 'quokka there');
    expect(bodies(await ana.api.chat.messages.search({ query: 'quokka' }))).toEqual(['quokka there', 'quokka here']);
    expect(bodies(await ana.api.chat.messages.search({ query: `quokka in:${room}` }))).toEqual(['quokka here']);
  });

  it('after: and before: a day, or instants given as fields', async () => {
    const early = await send(ana, room, 'ibis early');
    const late = await send(ana, room, 'ibis late');
    await h.db.executeSql(`update messages set created_at = '2026-11-10T12:00:00Z' where id = $1`, [early.id]);
    await h.db.executeSql(`update messages set created_at = '2026-11-20T12:00:00Z' where id = $1`, [late.id]);
    const q = (query: string, extra: { after?: string; before?: string } = {}) => ana.api.chat.messages.search({ query, ...extra }).then(bodies);
    expect(await q('ibis')).toEqual(['ibis late', 'ibis early']);
    expect(await q('ibis after:2026-11-10')).toEqual(['ibis late']);
    expect(await q('ibis after:2026-11-09')).toEqual(['ibis late', 'ibis early']);
    expect(await q('ibis before:2026-11-20')).toEqual(['ibis early']);
    expect(await q('ibis before:2026-11-21')).toEqual(['ibis late', 'ibis early']);
    expect(await q('ibis after:2026-11-09 before:2026-11-11')).toEqual(['ibis early']);
    expect(await q('ibis', { after: '2026-11-20T11:59:00Z' })).toEqual(['ibis late']);
    expect(await q('ibis', { before: '2026-11-10T12:00:01Z' })).toEqual(['ibis early']);
  });

  it('has:attachment keeps messages carrying an attachment', async () => {
    const withOne = await send(ana, room, 'narwhal with a picture');
    await send(ana, room, 'narwhal without');
    // Attached here by hand, as a send's claim does it (attachmentsRepository.attach: the rows and the message's
    // flag; attachments.test.ts searches messages sent with real attachments).
    const attach = (messageId: string) => h.db.executeSql(`update messages set has_attachments = true where id = $1`, [messageId]);
    await h.db.executeSql(
      `insert into message_attachments (id, message_id, uploader_id, kind, position, created_at) values ($1, $2, $3, 'image', 0, now())`,
      [randomUUID(), withOne.id, ana.user.id],
    );
    await attach(withOne.id);
    // Two attachments on one message: still found once.
    const withTwo = await send(ana, room, 'narwhal with two pictures');
    for (const position of [0, 1]) {
      await h.db.executeSql(
        `insert into message_attachments (id, message_id, uploader_id, kind, position, created_at) values ($1, $2, $3, 'image', $4, now())`,
        [randomUUID(), withTwo.id, ana.user.id, position],
      );
    }
    await attach(withTwo.id);
    expect(bodies(await ana.api.chat.messages.search({ query: 'narwhal has:attachment' }))).toEqual(['narwhal with two pictures', 'narwhal with a picture']);
    await ana.api.chat.messages.delete({ messageId: withTwo.id });
    expect(bodies(await ana.api.chat.messages.search({ query: 'narwhal', hasAttachment: true }))).toEqual(['narwhal with a picture']);
    expect(bodies(await ana.api.chat.messages.search({ query: 'narwhal' }))).toEqual(['narwhal without', 'narwhal with a picture']);
  });
});

describe('chat.messages.search: results', () => {
  it('give each message as history pages do: reactions, mentions, attachments, quotes (long, deleted, hidden), edits', async () => {
    const room = (await ana.api.chat.rooms.create({ name: 'Same', visibility: 'public' })).id;
    await bob.api.chat.rooms.join({ roomId: room });
    await cleo.api.chat.rooms.join({ roomId: room });
    const long = await send(bob, room, `axolotl ${'long parent '.repeat(30)}`);
    const rich = await ana.api.chat.messages.send({ roomId: room, body: 'axolotl with everything, @s.bob and @s.cleo', clientMessageId: randomUUID(), replyToId: long.id });
    await ana.api.chat.reactions.add({ messageId: rich.id, emoji: '🔥' });
    await bob.api.chat.reactions.add({ messageId: rich.id, emoji: '👍' });
    await bob.api.chat.reactions.add({ messageId: rich.id, emoji: '🔥' });
    await cleo.api.chat.reactions.add({ messageId: long.id, emoji: '👍' });
    for (const position of [1, 0]) {
      await h.db.executeSql(
        `insert into message_attachments (id, message_id, uploader_id, kind, position, storage_key, mime, width, height, bytes, created_at)
         values ($1, $2, $3, 'image', $4, 'chat/attachments/x.webp', 'image/webp', 640, 480, 1234, now())`,
        [randomUUID(), rich.id, ana.user.id, position],
      );
    }
    const byCleo = await send(cleo, room, 'a word from cleo');
    const quotesCleo = await bob.api.chat.messages.send({ roomId: room, body: 'axolotl quoting cleo', clientMessageId: randomUUID(), replyToId: byCleo.id });
    const gone = await send(ana, room, 'soon deleted');
    const quotesGone = await bob.api.chat.messages.send({ roomId: room, body: 'axolotl quoting a deleted one', clientMessageId: randomUUID(), replyToId: gone.id });
    await ana.api.chat.messages.delete({ messageId: gone.id });
    const edited = await send(cleo, room, 'axolotl before');
    await cleo.api.chat.messages.edit({ messageId: edited.id, body: 'axolotl after' });
    await ana.api.users.block({ username: 's.cleo' });
    try {
      const found = (await ana.api.chat.messages.search({ query: `axolotl in:${room}` })).items.map((i) => i.message);
      const history = new Map((await ana.api.chat.messages.list({ roomId: room, limit: 50 })).items.map((m) => [m.id, m]));
      // cleo's own messages are left out (blocked); the others come exactly as history gives them.
      expect(found.map((m) => m.id).sort()).toEqual([long.id, rich.id, quotesCleo.id, quotesGone.id].sort());
      for (const message of found) expect(message).toEqual(history.get(message.id));
      const get = (id: string) => found.find((m) => m.id === id);
      expect(get(rich.id)?.reactions).toEqual([
        { emoji: '🔥', count: 2, mine: true },
        { emoji: '👍', count: 1, mine: false },
      ]);
      expect(get(rich.id)?.mentions.map((u) => u.username)).toEqual(['s.bob', 's.cleo']);
      expect(get(rich.id)?.attachments).toHaveLength(2);
      expect(get(rich.id)?.replyTo?.body).toHaveLength(200);
      expect(get(quotesCleo.id)?.replyTo).toMatchObject({ hidden: 'blocked', body: '' });
      expect(get(quotesGone.id)?.replyTo).toMatchObject({ body: '', deletedAt: expect.any(String) });
      // Someone who blocked nobody: the edit, and cleo's reaction on bob's message.
      const bobs = (await bob.api.chat.messages.search({ query: `axolotl in:${room}` })).items.map((i) => i.message);
      const bobHistory = new Map((await bob.api.chat.messages.list({ roomId: room, limit: 50 })).items.map((m) => [m.id, m]));
      expect(bobs).toHaveLength(5);
      for (const message of bobs) expect(message).toEqual(bobHistory.get(message.id));
      expect(bobs.find((m) => m.id === edited.id)?.editedAt).toEqual(expect.any(String));
      expect(bobs.find((m) => m.id === long.id)?.reactions).toEqual([{ emoji: '👍', count: 1, mine: false }]);
    } finally {
      await ana.api.users.unblock({ username: 's.cleo' });
    }
  });
});

describe('chat.messages.search: paging', () => {
  it('pages with the cursor through every hit once, best first', async () => {
    const room = (await ana.api.chat.rooms.create({ name: 'Paging', visibility: 'private' })).id;
    const sent = [];
    for (let i = 0; i < 7; i++) sent.push(await send(ana, room, i % 2 ? `axolotl ${i}` : `axolotls ${i}`));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await ana.api.chat.messages.search({ query: `axolotl in:${room}`, limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.message.body));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    // Whole words (odd numbers) before the longer word, newest first in each.
    expect(seen).toEqual(['axolotl 5', 'axolotl 3', 'axolotl 1', 'axolotls 6', 'axolotls 4', 'axolotls 2', 'axolotls 0']);
  });

  it('across rooms too: the newest window first, then older ones, every match once', async () => {
    const total = SEARCH_WINDOW + 30;
    // Alternating between two of ana's rooms (directly inserted, in time order as sends would be).
    await h.db.executeSql(
      `insert into messages (room_id, seq, author_id, client_message_id, body, created_at)
       select case when g % 2 = 0 then $1::uuid else $2::uuid end, 100000 + g, $3, 'xwin-' || g,
         case when g % 10 = 0 then 'okapi ' || g else 'okapis ' || g end, now()
       from generate_series(1, ${total}) g order by g`,
      [jam, studio, ana.user.id],
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await ana.api.chat.messages.search({ query: 'okapi', limit: 50, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.message.body));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const n = (body: string) => Number(body.split(' ')[1]);
    const newest = seen.slice(0, SEARCH_WINDOW);
    expect(newest.every((b) => n(b) > 30)).toBe(true);
    expect(newest.slice(0, SEARCH_WINDOW / 10).every((b) => b.startsWith('okapi '))).toBe(true);
    expect(seen.slice(SEARCH_WINDOW).map(n)).toEqual([30, 20, 10, 29, 28, 27, 26, 25, 24, 23, 22, 21, 19, 18, 17, 16, 15, 14, 13, 12, 11, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    // bob sees the jam half only (he is not in studio).
    const bobs: string[] = [];
    cursor = undefined;
    do {
      const page = await bob.api.chat.messages.search({ query: 'okapi', limit: 50, ...(cursor ? { cursor } : {}) });
      bobs.push(...page.items.map((i) => i.message.body));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(bobs.map(n).sort((a, b) => a - b)).toEqual(Array.from({ length: total / 2 }, (_, i) => 2 * (i + 1)));
  });

  it('pages past the newest window of matches into older ones, every match once', async () => {
    const room = (await ana.api.chat.rooms.create({ name: 'Windows', visibility: 'private' })).id;
    const total = SEARCH_WINDOW + 30;
    // Inserted directly (sending 230 messages one by one is slow): every 10th a whole word, the others inside words.
    await h.db.executeSql(
      `insert into messages (room_id, seq, author_id, client_message_id, body, created_at)
       select $1, g, $2, 'win-' || g, case when g % 10 = 0 then 'pangolin ' || g else 'pangolins ' || g end, now() from generate_series(1, ${total}) g`,
      [room, ana.user.id],
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await ana.api.chat.messages.search({ query: `pangolin in:${room}`, limit: 50, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.message.body));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    // The newest window (seq 31 to 230) comes first, whole words first in it; then the older window (1 to 30).
    const n = (body: string) => Number(body.split(' ')[1]);
    const newest = seen.slice(0, SEARCH_WINDOW);
    expect(newest.every((b) => n(b) > 30)).toBe(true);
    expect(newest.slice(0, SEARCH_WINDOW / 10).every((b) => b.startsWith('pangolin '))).toBe(true);
    expect(newest.slice(SEARCH_WINDOW / 10).every((b) => b.startsWith('pangolins '))).toBe(true);
    expect(seen.slice(SEARCH_WINDOW).map(n)).toEqual([30, 20, 10, 29, 28, 27, 26, 25, 24, 23, 22, 21, 19, 18, 17, 16, 15, 14, 13, 12, 11, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    // has:attachment walks the messages flagged as carrying attachments (search.repository.ts): the same windows, in
    // the same order. Attached by hand, as a send's claim does it (the rows and the flag).
    await h.db.executeSql(
      `insert into message_attachments (id, message_id, uploader_id, kind, position, created_at)
       select gen_random_uuid(), m.id, m.author_id, 'image', 0, now() from messages m where m.room_id = $1`,
      [room],
    );
    await h.db.executeSql(`update messages set has_attachments = true where room_id = $1`, [room]);
    const withAttachment: string[] = [];
    cursor = undefined;
    do {
      const page = await ana.api.chat.messages.search({ query: `pangolin in:${room} has:attachment`, limit: 50, ...(cursor ? { cursor } : {}) });
      withAttachment.push(...page.items.map((i) => i.message.body));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(withAttachment).toEqual(seen);
  });

  it('refuses a forged cursor', async () => {
    const forged = ['nope!', Buffer.from('12.abc').toString('base64url'), Buffer.from(`.1.${'9'.repeat(19)}`).toString('base64url'), Buffer.from('.').toString('base64url')];
    for (const cursor of forged) {
      expect(await trpcError(() => ana.api.chat.messages.search({ query: 'axolotl', cursor }))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    const positions = [
      { olderThan: null, after: { score: 2, id: '42' } },
      { olderThan: '17', after: undefined },
      { olderThan: '17', after: { score: 0, id: '9' } },
    ];
    for (const at of positions) expect(decodeSearchCursor(encodeSearchCursor(at))).toEqual(at);
  });
});

describe('chat.messages.search: bad input', () => {
  it('refuses too short, too long, wrong types and bad filters with a clear BAD_REQUEST', async () => {
    const cases: [unknown, RegExp][] = [
      [{ query: 'a' }, /at least 2 characters/],
      [{ query: '   ' }, /at least 2 characters/],
      [{ query: `from:s.bob in:${jam}` }, /at least 2 characters/],
      [{ query: 'x'.repeat(201) }, /at most 200 characters/],
      [{ query: 42 }, /Type something to search for/],
      [{ query: 'ab\u0000cd' }, /control characters/],
      [{ query: 'tapir from:!!' }, /not a username/],
      [{ query: 'tapir in:lounge' }, /does not name a conversation/],
      [{ query: 'tapir has:link' }, /only has:attachment/],
      [{ query: 'tapir before:yesterday' }, /before:2026-12-01/],
      [{ query: 'tapir after:2026-02-30' }, /after:2026-12-01/],
      [{ query: 'tapir', after: 'soon' }, /must be a day/],
      [{ query: 'tapir after:2026-12-02 before:2026-12-01' }, /ends before it starts/],
      [{ query: `tapir in:${jam}`, roomId: studio }, /disagree/],
      [{ query: 'tapir', limit: 51 }, /at most 50/],
      [{ query: 'tapir', limit: 0 }, /at least 1/],
      [{ query: 'tapir', hasAttachment: 'yes' }, /true or false/],
      [{ query: 'tapir', roomId: 'lounge' }, /Unknown conversation/],
    ];
    for (const [input, message] of cases) {
      const error = await trpcError(() => ana.api.chat.messages.search(input as never));
      expect(error, JSON.stringify(input)).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(message) });
    }
  });
});

describe('chat.messages.search: highlights', () => {
  it('merges overlapping matches and marks 2-character terms at word starts only', () => {
    expect(highlightsOf('Synthwave synth', ['synth', 'ynthw'])).toEqual([
      [0, 6],
      [10, 15],
    ]);
    expect(highlightsOf('DJ adjusts the dj set', ['dj'])).toEqual([
      [0, 2],
      [15, 17],
    ]);
    expect(highlightsOf('École école', ['éco'])).toEqual([
      [0, 3],
      [6, 9],
    ]);
  });
});

describe('chat.messages.search: rate limit', () => {
  it('allows 2 searches per second per user, then answers TOO_MANY_REQUESTS with a retry-after', async () => {
    const limited = await createHarness({ limits: createRateLimits({ keyPrefix: `test:search:${randomUUID()}` }) });
    try {
      const dan = await limited.signUp('s.dan');
      const eve = await limited.signUp('s.eve');
      await dan.api.chat.messages.search({ query: 'first' });
      await dan.api.chat.messages.search({ query: 'second' });
      const error = await trpcError(() => dan.api.chat.messages.search({ query: 'third' }));
      expect(error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/searching too fast. Please wait 1 second/) });
      // Per user: someone else still searches; bad input is refused before counting.
      await eve.api.chat.messages.search({ query: 'other' });
      expect(await trpcError(() => eve.api.chat.messages.search({ query: 'x' }))).toMatchObject({ code: 'BAD_REQUEST' });
      await eve.api.chat.messages.search({ query: 'again' });
    } finally {
      await limited.close();
    }
  });
});
