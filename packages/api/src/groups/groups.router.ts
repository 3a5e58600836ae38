import {
  createGroupInput,
  createGroupLinkInput,
  createGroupPostInput,
  groupInput,
  groupInviteInput,
  groupLinkIdInput,
  groupLinkTokenInput,
  groupMemberInput,
  groupPageInput,
  groupPostInput,
  groupRefInput,
  listGroupsInput,
  myGroupsInput,
  setGroupRoleInput,
  updateGroupInput,
} from '@veza/validators';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import * as feed from './feed.service.ts';
import * as groups from './groups.service.ts';
import * as invites from './invites.service.ts';
import * as membership from './membership.service.ts';

export const groupsRouter = router({
  /** A new group; I am its owner, and its chat room is made with it. */
  create: authedProcedure.input(createGroupInput).mutation(({ ctx, input }) => groups.create(ctx, ctx.viewer, input)),
  /** A group by id or slug: its public face (name, description, avatar, member count) and my standing in it. */
  get: publicProcedure.input(groupRefInput).query(({ ctx, input }) => groups.get(ctx, input.ref)),
  /** Public groups, newest first (browse, optionally by name). */
  list: publicProcedure.input(listGroupsInput).query(({ ctx, input }) => groups.list(ctx, input)),
  /** The groups I am in, most recently joined first. */
  mine: authedProcedure.input(myGroupsInput).query(({ ctx, input }) => groups.mine(ctx, ctx.viewer, input)),
  /** Name, description, public or private: the owner and admins. */
  update: authedProcedure.input(updateGroupInput).mutation(({ ctx, input }) => groups.update(ctx, ctx.viewer, input)),
  /** The owner deletes the group with its feed and room. */
  delete: authedProcedure.input(groupInput).mutation(({ ctx, input }) => groups.remove(ctx, ctx.viewer, input.id)),

  /** Joins a public group (or a private one I was invited to). */
  join: authedProcedure.input(groupInput).mutation(({ ctx, input }) => membership.join(ctx, ctx.viewer, input.id)),
  /** Asks to join a private group. */
  requestJoin: authedProcedure.input(groupInput).mutation(({ ctx, input }) => membership.requestJoin(ctx, ctx.viewer, input.id)),
  cancelRequest: authedProcedure.input(groupInput).mutation(({ ctx, input }) => membership.cancelRequest(ctx, ctx.viewer, input.id)),
  /** Requests to join, oldest first: the owner and admins. */
  requests: authedProcedure.input(groupPageInput).query(({ ctx, input }) => membership.requests(ctx, ctx.viewer, input.id, input.cursor, input.limit)),
  approve: authedProcedure.input(groupMemberInput).mutation(({ ctx, input }) => membership.approve(ctx, ctx.viewer, input.id, input.userId)),
  decline: authedProcedure.input(groupMemberInput).mutation(({ ctx, input }) => membership.decline(ctx, ctx.viewer, input.id, input.userId)),
  /** The owner and admins invite someone by username. */
  invite: authedProcedure.input(groupInviteInput).mutation(({ ctx, input }) => invites.invite(ctx, ctx.viewer, input.id, input.username)),
  /** The invitations waiting for me. */
  invitations: authedProcedure.query(({ ctx }) => invites.invitations(ctx, ctx.viewer)),
  acceptInvite: authedProcedure.input(groupInput).mutation(({ ctx, input }) => invites.acceptInvite(ctx, ctx.viewer, input.id)),
  declineInvite: authedProcedure.input(groupInput).mutation(({ ctx, input }) => invites.declineInvite(ctx, ctx.viewer, input.id)),
  /** Invite links: the owner and admins make, list and revoke them; anyone signed in joins with one. */
  createLink: authedProcedure.input(createGroupLinkInput).mutation(({ ctx, input }) => invites.createLink(ctx, ctx.viewer, input.id, input.expiresInSeconds)),
  links: authedProcedure.input(groupInput).query(({ ctx, input }) => invites.links(ctx, ctx.viewer, input.id)),
  revokeLink: authedProcedure.input(groupLinkIdInput).mutation(({ ctx, input }) => invites.revokeLink(ctx, ctx.viewer, input.linkId)),
  joinByLink: authedProcedure.input(groupLinkTokenInput).mutation(({ ctx, input }) => invites.joinByLink(ctx, ctx.viewer, input.token)),
  /** Leaves a group (the owner hands it over first). */
  leave: authedProcedure.input(groupInput).mutation(({ ctx, input }) => membership.leave(ctx, ctx.viewer, input.id)),
  /** Members, longest-standing first: anyone for a public group, members for a private one. */
  members: publicProcedure.input(groupPageInput).query(({ ctx, input }) => membership.members(ctx, input.id, input.cursor, input.limit)),
  /** Admins remove members; the owner removes admins too. */
  removeMember: authedProcedure.input(groupMemberInput).mutation(({ ctx, input }) => membership.removeMember(ctx, ctx.viewer, input.id, input.userId)),
  ban: authedProcedure.input(groupMemberInput).mutation(({ ctx, input }) => membership.ban(ctx, ctx.viewer, input.id, input.userId)),
  unban: authedProcedure.input(groupMemberInput).mutation(({ ctx, input }) => membership.unban(ctx, ctx.viewer, input.id, input.userId)),
  bans: authedProcedure.input(groupInput).query(({ ctx, input }) => membership.bans(ctx, ctx.viewer, input.id)),
  /** The owner makes a member an admin, or an admin a member. */
  setRole: authedProcedure.input(setGroupRoleInput).mutation(({ ctx, input }) => membership.setRole(ctx, ctx.viewer, input.id, input.userId, input.role)),
  /** The owner hands the group over to a member (and becomes an admin). */
  transferOwnership: authedProcedure.input(groupMemberInput).mutation(({ ctx, input }) => membership.transferOwnership(ctx, ctx.viewer, input.id, input.userId)),

  /** The feed, newest first: anyone for a public group, members for a private one. */
  feed: publicProcedure.input(groupPageInput).query(({ ctx, input }) => feed.feed(ctx, input.id, input.cursor, input.limit)),
  /** A member posts a public track or playlist with a comment. */
  post: authedProcedure.input(createGroupPostInput).mutation(({ ctx, input }) => feed.post(ctx, ctx.viewer, input)),
  /** The author or an admin removes a post. */
  deletePost: authedProcedure.input(groupPostInput).mutation(({ ctx, input }) => feed.deletePost(ctx, ctx.viewer, input.postId)),
});
