// Who sees what a person publishes (issue 11, private profiles), the one rule every path asks:
//
// - A track marked `private` shows to its owner only.
// - The tracks and the follow lists of a private profile show to its owner and to approved (active) followers only;
//   a follow request waiting for approval sees nothing more than a stranger.
//
// Lists apply the same rule in SQL (`audienceSql` in @veza/db's tracks repository).
import { followsRepository, type Em, type Track, type User } from '@veza/db';
import { DomainError } from '../errors.ts';

type Owner = Pick<User, 'id' | 'isPrivate'>;

/** Whether `viewerId` (null: signed out) sees `owner`'s tracks and lists. */
export async function seesProfile(em: Em, owner: Owner, viewerId: string | null): Promise<boolean> {
  if (!owner.isPrivate || owner.id === viewerId) return true;
  if (viewerId === null) return false;
  return (await followsRepository(em).get(viewerId, owner.id))?.status === 'active';
}

/** Of these owners, the ids whose tracks `viewerId` sees: one query for a whole batch (chat cards, feeds). */
export async function profilesSeenBy(em: Em, owners: Owner[], viewerId: string | null): Promise<Set<string>> {
  const seen = new Set(owners.filter((o) => !o.isPrivate || o.id === viewerId).map((o) => o.id));
  const locked = [...new Set(owners.filter((o) => !seen.has(o.id)).map((o) => o.id))];
  if (viewerId === null || locked.length === 0) return seen;
  for (const id of await followsRepository(em).followedBy(viewerId, locked)) seen.add(id);
  return seen;
}

/** The track's own setting, given whether its owner's profile is visible to the viewer. */
export const trackShows = (track: Pick<Track, 'visibility' | 'owner'>, viewerId: string | null, profileSeen: boolean) =>
  track.owner.id === viewerId || (track.visibility !== 'private' && profileSeen);

/** Whether `viewerId` sees `track` (its owner loaded). */
export async function seesTrack(em: Em, track: Pick<Track, 'visibility'> & { owner: Owner }, viewerId: string | null): Promise<boolean> {
  if (track.owner.id === viewerId) return true;
  return track.visibility !== 'private' && (await seesProfile(em, track.owner, viewerId));
}

/** What a stranger gets for a private profile's tracks or lists: FORBIDDEN, reason `private_profile`. */
export const privateProfile = (username: string, what: 'tracks' | 'lists') =>
  new DomainError(
    'FORBIDDEN',
    what === 'tracks' ? `@${username}'s account is private. Follow them to hear their tracks.` : `@${username}'s account is private. Follow them to see who they follow and who follows them.`,
    undefined,
    'private_profile',
  );
