// Test and story hooks for following (socialMock): requests that others send or answer while the screen is open, and
// many requests at once for paging.
import { db, followOf } from './db.ts';
import type { MockUser } from './fixtures.ts';

const named = (username: string) => {
  const user = db.users.find((u) => u.username === username);
  if (!user) throw new Error(`no mock user ${username}`);
  return user;
};

export const socialMock = {
  /** `from` asks to follow `to` (a request, whatever `to`'s setting: for screens that show one). */
  ask(from: string, to: string, at = new Date().toISOString()) {
    const [follower, followee] = [named(from), named(to)];
    if (!followOf(follower.id, followee.id)) db.follows.push({ followerId: follower.id, followeeId: followee.id, at, status: 'pending' });
  },
  /** `owner` approves `requester`'s request elsewhere (another tab, the phone). */
  approve(owner: string, requester: string) {
    const request = followOf(named(requester).id, named(owner).id);
    if (request) request.status = 'active';
  },
  /** `count` new people ask to follow `to`, one a minute before the other (newest first: `asker1`, `asker2`…). */
  askMany(to: string, count: number) {
    const followee = named(to);
    const start = Date.parse('2026-12-06T12:00:00.000Z');
    for (let n = 1; n <= count; n++) {
      const user: MockUser = {
        ...followee,
        id: `4e000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        username: `asker${n}`,
        displayName: `Asker ${n}`,
        email: `asker${n}@example.com`,
        bio: null,
        isPrivate: false,
        createdAt: new Date(start - 86_400_000).toISOString(),
      };
      db.users.push(user);
      db.follows.push({ followerId: user.id, followeeId: followee.id, at: new Date(start - n * 60_000).toISOString(), status: 'pending' });
    }
  },
};
