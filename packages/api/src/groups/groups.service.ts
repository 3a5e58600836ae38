// Groups (issue 12): communities of people around music, each with a feed of tracks and playlists and a chat room.
//
// - Who sees what: a group's name, description, avatar, member count and owner are public (people find a private group
//   and ask to join). Its feed and members are for everyone when it is public, for its members only when it is
//   private (others get FORBIDDEN, reason `members_only`). Its room (a private chat room) is for members only.
// - Roles: one owner, admins, members. The owner and admins edit the group, approve and decline join requests,
//   invite, make links, remove and ban members; admins act on plain members only, the owner on everyone. Only the
//   owner names admins, hands the group over and deletes it (membership.service.ts).
// - The chat room is created with the group (the owner owns it; admins are its moderators) and every membership change
//   goes through the group's row lock and changes the room in the same transaction (@veza/db groups.repository.ts).
// - The slug is made from the name at creation and kept, so links stay valid; URLs may use the id or the slug.
import { randomBytes } from 'node:crypto';
import { communityGroupsRepository, type Group } from '@veza/db';
import {
  createGroupInput,
  listGroupsInput,
  myGroupsInput,
  updateGroupInput,
  type CreateGroupInput,
  type GroupRole,
  type ListGroupsInput,
  type MyGroupsInput,
  type UpdateGroupInput,
} from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { dropCover, replaceCover } from '../tracks/cover.service.ts';
import { decodeCursor, encodeCursor } from '../tracks/cursor.ts';
import { toUserSummary } from '../users/users.dto.ts';
import type { GroupDto, GroupPageDto, GroupStanding } from './groups.dto.ts';

export type Ctx = Pick<Context, 'em' | 'viewer' | 'deps'>;

export const groupNotFound = () => new DomainError('NOT_FOUND', 'This group does not exist.', undefined, 'group_not_found');
export const membersOnly = () => new DomainError('FORBIDDEN', 'This group is private: only its members see this.', undefined, 'members_only');
export const notAdmin = () => new DomainError('FORBIDDEN', "Only the group's owner and admins can do that.", undefined, 'not_admin');
export const notOwner = () => new DomainError('FORBIDDEN', "Only the group's owner can do that.", undefined, 'not_owner');

/** Whether a role manages the group (approves, invites, removes, edits). */
export const manages = (role: GroupRole | null) => role === 'owner' || role === 'admin';

/** The group, or NOT_FOUND. */
export async function loadGroup(ctx: Ctx, id: string): Promise<Group> {
  const group = await communityGroupsRepository(ctx.em).byId(id);
  if (!group) throw groupNotFound();
  return group;
}

/** The group and the viewer's role in it. */
export async function withRole(ctx: Ctx, id: string): Promise<{ group: Group; role: GroupRole | null }> {
  const group = await loadGroup(ctx, id);
  const role = ctx.viewer ? await communityGroupsRepository(ctx.em).roleOf(group.id, ctx.viewer.id) : null;
  return { group, role };
}

/** The group whose feed and members the viewer reads: a public one, or a private one they are in. */
export async function readable(ctx: Ctx, id: string) {
  const seen = await withRole(ctx, id);
  if (!seen.group.isPublic && seen.role === null) throw membersOnly();
  return seen;
}

/** The group the viewer manages (owner or admin). */
export async function managed(ctx: Ctx, id: string) {
  const seen = await withRole(ctx, id);
  if (!manages(seen.role)) throw seen.group.isPublic || seen.role ? notAdmin() : membersOnly();
  return seen;
}

/** A group's avatar (versioned: a new URL per change, so it is cached), or null. */
export const groupAvatarUrlOf = (g: Pick<Group, 'id' | 'coverKey' | 'version'>) => (g.coverKey ? `/api/groups/${g.id}/cover?v=${g.version}` : null);

/** DTOs of these groups as the viewer sees them. */
export async function toGroupDtos(ctx: Ctx, groups: Group[]): Promise<GroupDto[]> {
  const viewerId = ctx.viewer?.id ?? null;
  const ids = groups.map((g) => g.id);
  const repo = communityGroupsRepository(ctx.em);
  const roles = viewerId ? await repo.rolesIn(viewerId, ids) : new Map<string, GroupRole>();
  const pending = viewerId ? await repo.pendingFor(viewerId, ids) : { requested: new Set<string>(), invited: new Set<string>() };
  return groups.map((g) => {
    const role = roles.get(g.id) ?? null;
    const standing: GroupStanding = role ?? (pending.invited.has(g.id) ? 'invited' : pending.requested.has(g.id) ? 'requested' : null);
    return {
      id: g.id,
      slug: g.slug,
      name: g.name,
      description: g.description ?? null,
      isPublic: g.isPublic,
      avatarUrl: groupAvatarUrlOf(g),
      memberCount: g.memberCount,
      owner: toUserSummary(g.owner),
      myStanding: standing,
      canRead: g.isPublic || role !== null,
      canManage: manages(role),
      roomId: role !== null ? (g.room?.id ?? null) : null,
      createdAt: g.createdAt.toISOString(),
    };
  });
}

/** The DTO of one group, read again (counts and roles as they are now). */
export async function groupDto(ctx: Ctx, id: string): Promise<GroupDto> {
  const [dto] = await toGroupDtos(ctx, [await loadGroup(ctx, id)]);
  return dto!;
}

/** A slug from a name: ASCII lowercase words joined by dashes (accents dropped), "group" when nothing is left. */
export function slugOf(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return base || 'group';
}

export async function create(ctx: Ctx, viewer: Viewer, raw: CreateGroupInput): Promise<GroupDto> {
  const input = createGroupInput.parse(raw);
  const repo = communityGroupsRepository(ctx.em);
  const base = slugOf(input.name);
  // The bare slug when it is free, else with a random suffix; a race for the same slug tries another.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const slug = attempt === 0 ? base : `${base}-${randomBytes(3).toString('hex')}`;
    if (attempt === 0 && (await repo.slugTaken(slug))) continue;
    const group = await repo.create({ slug, name: input.name, description: input.description || null, isPublic: input.isPublic, ownerId: viewer.id });
    if (group) return groupDto(ctx, group.id);
  }
  throw new DomainError('CONFLICT', 'Could not create the group right now: try again.', undefined, 'slug_taken');
}

/** A group by id or slug: its public face (and, for members, its room). */
export async function get(ctx: Ctx, ref: string): Promise<GroupDto> {
  const repo = communityGroupsRepository(ctx.em);
  const group = (/^[0-9a-f]{8}-/.test(ref) ? await repo.byId(ref) : null) ?? (await repo.bySlug(ref));
  if (!group) throw groupNotFound();
  const [dto] = await toGroupDtos(ctx, [group]);
  return dto!;
}

/** The owner and admins rename the group (its room too), change its description or make it public or private. */
export async function update(ctx: Ctx, viewer: Viewer, raw: UpdateGroupInput): Promise<GroupDto> {
  const input = updateGroupInput.parse(raw);
  const { group } = await managed(ctx, input.id);
  if (input.name !== undefined) group.name = input.name;
  if (input.description !== undefined) group.description = input.description || null;
  if (input.isPublic !== undefined) group.isPublic = input.isPublic;
  group.version += 1;
  await ctx.em.flush();
  if (input.name !== undefined && group.room) await communityGroupsRepository(ctx.em).renameRoom(group.room.id, input.name);
  return groupDto(ctx, group.id);
}

/** The owner deletes the group, with its feed and its room. */
export async function remove(ctx: Ctx, viewer: Viewer, id: string): Promise<{ id: string; deleted: true }> {
  const { group, role } = await withRole(ctx, id);
  if (role !== 'owner') throw group.isPublic || role ? notOwner() : membersOnly();
  const key = group.coverKey;
  await communityGroupsRepository(ctx.em).remove(group.id);
  if (key) await ctx.deps.storage.delete(key);
  return { id, deleted: true };
}

const pageOf = async (ctx: Ctx, rows: { id: string; at: Date }[], more: boolean): Promise<GroupPageDto> => {
  const byId = new Map((await communityGroupsRepository(ctx.em).many(rows.map((r) => r.id))).map((g) => [g.id, g]));
  const groups = rows.flatMap((r) => (byId.has(r.id) ? [byId.get(r.id)!] : []));
  const last = rows.at(-1);
  return { items: await toGroupDtos(ctx, groups), nextCursor: more && last ? encodeCursor({ createdAt: last.at, id: last.id }) : null };
};

/** Public groups, newest first (browse; `query` filters by name). */
export async function list(ctx: Ctx, raw: ListGroupsInput): Promise<GroupPageDto> {
  const input = listGroupsInput.parse(raw);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const page = await communityGroupsRepository(ctx.em).publicPage(input.query || null, after ? { at: after.createdAt, id: after.id } : null, input.limit);
  return pageOf(ctx, page.rows, page.more);
}

/** The groups I am in, most recently joined first. */
export async function mine(ctx: Ctx, viewer: Viewer, raw: MyGroupsInput): Promise<GroupPageDto> {
  const input = myGroupsInput.parse(raw);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const page = await communityGroupsRepository(ctx.em).memberOfPage(viewer.id, after ? { at: after.createdAt, id: after.id } : null, input.limit);
  return pageOf(ctx, page.rows, page.more);
}

/** The owner and admins set the group's avatar (an image checked by its bytes, 5 MB at most), replacing the old one. */
export async function setGroupAvatar(ctx: Ctx, viewer: Viewer, id: string, upload: { tempPath: string; sizeBytes: number }) {
  const { group } = await managed(ctx, id);
  group.version += 1;
  await replaceCover(ctx, group, `groups/${id}`, upload);
  return { coverUrl: groupAvatarUrlOf(group) };
}

export async function removeGroupAvatar(ctx: Ctx, viewer: Viewer, id: string) {
  const { group } = await managed(ctx, id);
  if (!group.coverKey) return;
  group.version += 1;
  await dropCover(ctx, group);
}

/** The stored avatar of a group: public, like its name (private groups too). */
export async function groupAvatarSource(ctx: Ctx, id: string) {
  const group = await loadGroup(ctx, id);
  if (!group.coverKey || !group.coverMimeType) throw new DomainError('NOT_FOUND', 'Avatar not found.');
  return { key: group.coverKey, mimeType: group.coverMimeType, visibility: 'public' as const };
}
