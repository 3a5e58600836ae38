// What each kind of result is searched by, and who may see it. The expressions are those the GIN indexes are built
// on (the entities declare them; migration Migration20261207120000_search creates the functions): any change here
// must change the index too, or the planner stops using it. A new kind adds its source here, its visibility, its
// indexes in its entity, its kind in @veza/validators' SEARCH_KINDS, and its part in catalog-search.repository's suggest.
import type { SearchSource } from './search-query.ts';

export const TRACK_SOURCE: SearchSource = {
  // The stored column (Migration20261207123859_search_stored_document) of track_search_document(title, artist, tags, description).
  document: 't.search_document',
  fuzzyName: 'public.veza_search_text(t.title)',
};

export const USER_SOURCE: SearchSource = {
  document: 'public.user_search_document(u.username, u.display_name)',
  fuzzyName: 'public.user_search_name(u.username, u.display_name)',
};

export const PLAYLIST_SOURCE: SearchSource = {
  document: 'public.playlist_search_document(pl.title, pl.description)',
  fuzzyName: 'public.veza_search_text(pl.title)',
};

export const GROUP_SOURCE: SearchSource = {
  // group_search_document and its index: Migration20261207154918_group_search; the index is declared in Group.
  document: 'public.group_search_document(g.name, g.description)',
  fuzzyName: 'public.veza_search_text(g.name)',
};

/**
 * Neither blocked the other (`owner`: the column of the other person's id). The viewer's blocks both ways are read
 * once (two tiny arrays) and each row is compared with them: an OR inside one NOT EXISTS made PostgreSQL probe
 * user_blocks once per matching row (twice: 50,000 probes for 25,000 matches of a frequent word), and NOT EXISTS
 * subplans are estimated to keep half the rows each, which steered the planner off the index on plays.
 */
export const notBlockedSql = (owner: string, viewerId: string | null): { sql: string; params: string[] } =>
  viewerId === null
    ? { sql: 'true', params: [] }
    : {
        sql: `${owner} <> all (array(select b.blocked_id from user_blocks b where b.blocker_id = ?)) and ${owner} <> all (array(select b.blocker_id from user_blocks b where b.blocked_id = ?))`,
        params: [viewerId, viewerId],
      };

/**
 * The people who see a profile's tracks and lists (as tracks.repository's audienceSql): everyone for a public
 * profile, its owner and approved followers for a private one.
 */
export function audienceOf(user: string, viewerId: string | null): { sql: string; params: string[] } {
  if (viewerId === null) return { sql: `${user}.is_private = false`, params: [] };
  return {
    sql: `(${user}.is_private = false or ${user}.id = ? or exists (select 1 from follows af where af.follower_id = ? and af.followee_id = ${user}.id and af.status = 'active'))`,
    params: [viewerId, viewerId],
  };
}

/**
 * Tracks `viewerId` may find (`t`, owner `u`): ready, and either theirs (whatever their visibility) or public, of a
 * profile they see, by nobody in a block with them. Unlisted tracks are shared by link only: never found.
 */
export function trackVisibility(viewerId: string | null): { sql: string; params: unknown[] } {
  const audience = audienceOf('u', viewerId);
  const blocks = notBlockedSql('t.owner_id', viewerId);
  const others = `(t.visibility = 'public' and ${audience.sql} and ${blocks.sql})`;
  if (viewerId === null) return { sql: `t.status = 'ready' and ${others}`, params: [...audience.params, ...blocks.params] };
  return { sql: `t.status = 'ready' and (t.owner_id = ? or ${others})`, params: [viewerId, ...audience.params, ...blocks.params] };
}

/** Playlists `viewerId` may find (`pl`, owner `u`): theirs, or public ones of a profile they see, nobody blocked. */
export function playlistVisibility(viewerId: string | null): { sql: string; params: unknown[] } {
  const audience = audienceOf('u', viewerId);
  const blocks = notBlockedSql('pl.owner_id', viewerId);
  const others = `(pl.is_public and ${audience.sql} and ${blocks.sql})`;
  if (viewerId === null) return { sql: others, params: [...audience.params, ...blocks.params] };
  return { sql: `(pl.owner_id = ? or ${others})`, params: [viewerId, ...audience.params, ...blocks.params] };
}

/**
 * People `viewerId` may find (`u`): anyone but suspended accounts and those in a block with them. A private profile
 * is found too (its name and picture are public; its tracks and lists are not, see audienceOf).
 */
export function userVisibility(viewerId: string | null): { sql: string; params: unknown[] } {
  const blocks = notBlockedSql('u.id', viewerId);
  return { sql: `u.locked_at is null and ${blocks.sql}`, params: blocks.params };
}

/**
 * Groups `viewerId` may find (`g`): public and private ones alike, as the groups service has it (a group's name,
 * description, avatar and member count are public, so that people find a private group and ask to join); not those
 * the viewer is banned from (they cannot join, ask or be invited). A group is a community, not its owner's content:
 * a block with its owner does not hide it, as it does not in groups.get and groups.list.
 */
export function groupVisibility(viewerId: string | null): { sql: string; params: unknown[] } {
  if (viewerId === null) return { sql: 'true', params: [] };
  return { sql: 'not exists (select 1 from group_bans gb where gb.group_id = g.id and gb.user_id = ?)', params: [viewerId] };
}
