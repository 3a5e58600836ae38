import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRepository, Group, OAuthAccount, Passkey, Room, Session, Track, TrackLike, User, usersRepository } from '@veza/db';
import { SESSION_REVOKED_CHANNEL, type SessionRevokedMessage } from '../auth/session.service.ts';
import { PASSWORD, trpcError } from '../test/harness.ts';
import { purgeDueAccounts } from './deletion.service.ts';
import { createAccountKit, type AccountKit } from './test-kit.ts';

let kit: AccountKit;
beforeAll(async () => {
  kit = await createAccountKit();
});
afterAll(() => kit.close());

const as = (u: { token: string }) => kit.h.caller({ token: u.token });
const DAY = 86_400_000;

async function signUp(name: string) {
  const user = await kit.h.signUp(name);
  await kit.smtp.waitForMail(`${name}@example.com`);
  return user;
}

describe('account.requestDeletion / cancelDeletion', () => {
  it('needs a step-up', async () => {
    const ana = await signUp('ana');
    await kit.expireStepUp(ana.user.id);
    const err = await trpcError(async () => (await as(ana)).account.requestDeletion());
    expect(err.code).toBe('FORBIDDEN');
    expect((err as { cause?: { reason?: string } }).cause?.reason).toBe('step_up_required');
    expect(await (await as(ana)).auth.me()).toMatchObject({ deletionRequestedAt: null });
    expect((await trpcError(async () => (await kit.h.caller()).account.requestDeletion())).code).toBe('UNAUTHORIZED');
    expect((await trpcError(async () => (await kit.h.caller()).account.cancelDeletion())).code).toBe('UNAUTHORIZED');
  });

  it('schedules the purge after the grace period, signs out other sessions, mails, and can be cancelled', async () => {
    const bob = await signUp('bob');
    const other = await (await kit.h.caller()).auth.login({ login: 'bob', password: PASSWORD });
    if (other.status !== 'signed_in') throw new Error('expected a session');
    const before = Date.now();
    const { purgeAt } = await (await as(bob)).account.requestDeletion({ language: 'fr' });
    const me = await (await as(bob)).auth.me();
    expect(me.deletionRequestedAt).not.toBeNull();
    expect(new Date(purgeAt).getTime() - new Date(me.deletionRequestedAt!).getTime()).toBe(14 * DAY);
    expect(me.deletionPurgeAt).toBe(purgeAt);
    expect(new Date(purgeAt).getTime()).toBeGreaterThanOrEqual(before + 14 * DAY - 1000);
    expect((await trpcError(async () => (await kit.h.caller({ token: other.accessToken })).auth.me())).code).toBe('UNAUTHORIZED');
    const mail = await kit.smtp.waitForMail('bob@example.com');
    expect(mail.subject).toBe('Suppression de votre compte programmée');

    // Asking again keeps the first date.
    expect(await (await as(bob)).account.requestDeletion()).toEqual({ purgeAt });

    expect(await (await as(bob)).account.cancelDeletion()).toEqual({ ok: true });
    expect(await (await as(bob)).auth.me()).toMatchObject({ deletionRequestedAt: null });
    const types = (await auditRepository(kit.h.db.fork()).list({ userId: bob.user.id, limit: 20 })).map((e) => e.type);
    expect(types.filter((t) => t === 'account.deletion_requested')).toHaveLength(2);
    expect(types).toContain('account.deletion_cancelled');
    // Cancelling when nothing is pending is harmless and not audited again.
    await (await as(bob)).account.cancelDeletion();
    expect((await auditRepository(kit.h.db.fork()).list({ userId: bob.user.id, types: ['account.deletion_cancelled'], limit: 5 }))).toHaveLength(1);
  });
});

describe('purgeDueAccounts', () => {
  it('deletes accounts past their grace period with their rows and stored media, and only those', async () => {
    const cid = await signUp('cid');
    const dee = await signUp('dee');
    const eve = await signUp('eve');
    const { id: cidTrack } = await kit.h.upload(cid.token);
    const { id: deeTrack } = await kit.h.upload(dee.token);
    await (await as(dee)).tracks.like({ id: cidTrack });
    await (await as(cid)).tracks.like({ id: deeTrack });
    expect(await kit.h.deps.storage.stat(`tracks/${cidTrack}/original.wav`)).not.toBeNull();
    // cid owns a group (dee is in it) and is in dee's.
    const cidGroup = await (await as(cid)).groups.create({ name: 'Cid crew' });
    await (await as(dee)).groups.join({ id: cidGroup.id });
    const deeGroup = await (await as(dee)).groups.create({ name: 'Dee crew' });
    await (await as(cid)).groups.join({ id: deeGroup.id });

    await (await as(cid)).account.requestDeletion();
    await (await as(eve)).account.requestDeletion();
    const now = new Date();
    // cid asked 15 days ago, eve 13 days ago: only cid is due.
    const em = kit.h.db.fork();
    await em.nativeUpdate(User, { id: cid.user.id }, { deletionRequestedAt: new Date(now.getTime() - 15 * DAY) });
    await em.nativeUpdate(User, { id: eve.user.id }, { deletionRequestedAt: new Date(now.getTime() - 13 * DAY) });

    const announced: string[] = [];
    const off = await kit.h.deps.bus.subscribe(SESSION_REVOKED_CHANNEL, (m) => void announced.push(...(m as SessionRevokedMessage).sessionIds));
    const result = await purgeDueAccounts(kit.h.deps, now);
    await off();
    expect(result).toEqual({ deleted: [cid.user.id], storageFailures: [] });
    expect(announced).toHaveLength(1);

    const check = kit.h.db.fork();
    expect(await usersRepository(check).byId(cid.user.id)).toBeNull();
    expect(await check.count(Track, { id: cidTrack })).toBe(0);
    expect(await check.count(Session, { user: cid.user.id })).toBe(0);
    expect(await check.count(TrackLike, { $or: [{ user: cid.user.id }, { track: cidTrack }] })).toBe(0);
    expect(await kit.h.deps.storage.stat(`tracks/${cidTrack}/original.wav`)).toBeNull();
    // The group cid owned went, with its chat room; dee's stays, with its room.
    expect(await check.count(Group, { id: cidGroup.id })).toBe(0);
    expect(await check.count(Room, { id: cidGroup.roomId! })).toBe(0);
    expect(await check.count(Group, { id: deeGroup.id })).toBe(1);
    expect(await check.count(Room, { id: deeGroup.roomId! })).toBe(1);
    // Others untouched.
    expect(await usersRepository(check).byId(eve.user.id)).not.toBeNull();
    expect(await check.count(Track, { id: deeTrack })).toBe(1);
    expect(await kit.h.deps.storage.stat(`tracks/${deeTrack}/original.wav`)).not.toBeNull();
    expect((await trpcError(async () => (await as(cid)).auth.me())).code).toBe('UNAUTHORIZED');

    const [deleted] = await auditRepository(check).list({ types: ['account.deleted'], limit: 5 });
    expect(deleted).toMatchObject({ subjectId: cid.user.id, actorId: null, details: { username: 'cid', tracks: 1 } });

    // Nothing more is due; eve's turn comes later.
    expect(await purgeDueAccounts(kit.h.deps, now)).toEqual({ deleted: [], storageFailures: [] });
    expect((await purgeDueAccounts(kit.h.deps, new Date(now.getTime() + 2 * DAY))).deleted).toEqual([eve.user.id]);
  });

  it('spares an account whose deletion was cancelled', async () => {
    const fay = await signUp('fay');
    await (await as(fay)).account.requestDeletion();
    await (await as(fay)).account.cancelDeletion();
    expect((await purgeDueAccounts(kit.h.deps, new Date(Date.now() + 30 * DAY))).deleted).not.toContain(fay.user.id);
    expect(await usersRepository(kit.h.db.fork()).byId(fay.user.id)).not.toBeNull();
  });
});

describe('account.export', () => {
  it('holds the profile, tracks, likes, sessions, passkeys, linked accounts and security events, without secrets', async () => {
    const gus = await signUp('gus');
    const hal = await signUp('hal');
    const { id: trackId } = await kit.h.upload(gus.token, undefined, { title: 'Night Drive' });
    const { id: halTrack } = await kit.h.upload(hal.token, undefined, { title: 'Other' });
    await (await as(gus)).tracks.like({ id: halTrack });
    const em = kit.h.db.fork();
    await em.insert(Passkey, { id: 'cred-1', user: gus.user.id, publicKey: 'PUBLIC-KEY-BYTES', counter: 3, transports: ['internal'], deviceType: 'multiDevice', backedUp: true, name: 'Laptop', createdAt: new Date(), lastUsedAt: null });
    await em.insert(OAuthAccount, { id: crypto.randomUUID(), user: gus.user.id, provider: 'github', providerUserId: '42', email: 'gus@github.test', emailVerified: true, displayName: 'Gus G', createdAt: new Date(), lastUsedAt: null });

    const data = await (await as(gus)).account.export();
    expect(data.profile).toMatchObject({ id: gus.user.id, username: 'gus', email: 'gus@example.com', hasPassword: true, role: 'user' });
    expect(data.tracks).toEqual([expect.objectContaining({ id: trackId, title: 'Night Drive', format: 'wav' })]);
    expect(data.likes).toEqual([expect.objectContaining({ trackId: halTrack, trackTitle: 'Other' })]);
    expect(data.sessions).toEqual([expect.objectContaining({ method: 'password', ip: expect.any(String), revokedAt: null })]);
    expect(data.passkeys).toEqual([expect.objectContaining({ name: 'Laptop', deviceType: 'multiDevice', backedUp: true })]);
    expect(data.linkedAccounts).toEqual([expect.objectContaining({ provider: 'github', displayName: 'Gus G', email: 'gus@github.test' })]);
    expect(data.securityEvents.map((e) => e.type)).toEqual(expect.arrayContaining(['account.created', 'account.exported']));

    const text = JSON.stringify(data);
    const user = await kit.user(gus.user.id);
    for (const secret of [user.passwordHash!, 'PUBLIC-KEY-BYTES', 'refreshTokenHash', 'tokenHash', 'storageKey', 'passwordHash']) expect(text).not.toContain(secret);
    for (const s of await kit.h.db.fork().find(Session, { user: gus.user.id })) expect(text).not.toContain(s.refreshTokenHash);
    // Nothing of the other user's account.
    expect(text).not.toContain('hal@example.com');
    expect((await auditRepository(kit.h.db.fork()).list({ userId: gus.user.id, types: ['account.exported'], limit: 5 }))).toHaveLength(1);
    expect((await trpcError(async () => (await kit.h.caller()).account.export())).code).toBe('UNAUTHORIZED');
  });
});
