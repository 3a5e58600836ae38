import {
  addToGroupInput,
  banInput,
  chatSearchInput,
  createInviteInput,
  createRoomInput,
  editMessageInput,
  inviteCodeInput,
  inviteIdInput,
  listMembersInput,
  listMessagesInput,
  markReadInput,
  memberInput,
  messageIdInput,
  muteInput,
  listReactorsInput,
  messageHistoryInput,
  onRoomInput,
  reactionInput,
  openDmInput,
  openGroupInput,
  reportMessageInput,
  roomIdInput,
  sendMessageInput,
  setMemberRoleInput,
  updateRoomInput,
  onEventInput,
} from '@veza/validators';
import { authedProcedure, router } from '../trpc.ts';
import { roomStream } from './chat.events.ts';
import { limitHistory, limitSearch, limitSend, limitTyping } from './chat.limits.ts';
import * as groups from './groups.service.ts';
import * as history from './history.service.ts';
import { inboxStream } from './inbox.service.ts';
import * as invitePreview from './invite-preview.ts';
import * as invites from './invites.service.ts';
import * as members from './members.service.ts';
import * as messages from './messages.service.ts';
import * as reactions from './reactions.service.ts';
import * as reports from './reports.service.ts';
import * as roomIcons from './room-icons.service.ts';
import * as readState from './read-state.ts';
import * as rooms from './rooms.service.ts';
import * as searches from './search.service.ts';
import * as typing from './typing.ts';

export const chatRouter = router({
  rooms: router({
    create: authedProcedure.input(createRoomInput).mutation(({ ctx, input }) => rooms.create(ctx, ctx.viewer, input)),
    join: authedProcedure.input(roomIdInput).mutation(({ ctx, input }) => rooms.join(ctx, ctx.viewer, input.roomId)),
    /** My rooms and DMs, most recently active first, with unread counts. */
    list: authedProcedure.query(({ ctx }) => rooms.list(ctx, ctx.viewer)),
    /** Read up to `seq` (monotonic). */
    markRead: authedProcedure.input(markReadInput).mutation(({ ctx, input }) => rooms.markRead(ctx, ctx.viewer, input.roomId, input.seq)),
    /** DMs and groups: each member's last-read seq (read receipts; see read-state.ts for "delivered"). Rooms: BAD_REQUEST. */
    readState: authedProcedure.input(roomIdInput).query(({ ctx, input }) => readState.readState(ctx, ctx.viewer, input.roomId)),
    /** Leaves a room; the owner only as its last member (which deletes the room), see members.service.ts. */
    leave: authedProcedure.input(roomIdInput).mutation(({ ctx, input }) => members.leave(ctx, ctx.viewer, input.roomId)),
    /** The owner and moderators: name, topic, slow mode. */
    update: authedProcedure.input(updateRoomInput).mutation(({ ctx, input }) => rooms.update(ctx, ctx.viewer, input)),
    /** The owner and moderators (any member of a group): back to initials. Setting one is POST /api/chat/rooms/:id/icon. */
    removeIcon: authedProcedure.input(roomIdInput).mutation(({ ctx, input }) => roomIcons.removeRoomIcon(ctx, ctx.viewer, input.roomId)),
  }),
  invites: router({
    /** The owner and moderators; the code is shown once (only its hash is kept). */
    create: authedProcedure.input(createInviteInput).mutation(({ ctx, input }) => invites.create(ctx, ctx.viewer, input)),
    /** Anyone signed in with the code (not banned from the room); uses are counted atomically. */
    accept: authedProcedure.input(inviteCodeInput).mutation(({ ctx, input }) => invites.accept(ctx, ctx.viewer, input.code)),
    /** What the invite page shows before accepting: name, topic, icon, size (the accept's refusals for an unusable code). */
    preview: authedProcedure.input(inviteCodeInput).query(({ ctx, input }) => invitePreview.preview(ctx, ctx.viewer, input.code)),
    /** The owner and moderators: the room's invites (without their codes), newest first. */
    list: authedProcedure.input(roomIdInput).query(({ ctx, input }) => invites.list(ctx, ctx.viewer, input.roomId)),
    /** The owner and moderators. */
    revoke: authedProcedure.input(inviteIdInput).mutation(({ ctx, input }) => invites.revoke(ctx, ctx.viewer, input.inviteId)),
  }),
  members: router({
    /** Anyone who can see the room; owner, moderators, then members, paged. */
    list: authedProcedure.input(listMembersInput).query(({ ctx, input }) => members.list(ctx, ctx.viewer, input)),
    /** The owner only: moderator / member, or `owner` to hand the room over. */
    setRole: authedProcedure.input(setMemberRoleInput).mutation(({ ctx, input }) => members.setRole(ctx, ctx.viewer, input)),
    // Moderation: the owner and moderators; moderators on members only, the owner on everyone but themselves.
    kick: authedProcedure.input(memberInput).mutation(({ ctx, input }) => members.kick(ctx, ctx.viewer, input.roomId, input.userId)),
    ban: authedProcedure.input(banInput).mutation(({ ctx, input }) => members.ban(ctx, ctx.viewer, input)),
    /** The owner and moderators: who is banned, by whom and why, newest first. */
    bans: authedProcedure.input(roomIdInput).query(({ ctx, input }) => members.bans(ctx, ctx.viewer, input.roomId)),
    unban: authedProcedure.input(memberInput).mutation(({ ctx, input }) => members.unban(ctx, ctx.viewer, input.roomId, input.userId)),
    /** Muted members read but cannot send until then. */
    mute: authedProcedure.input(muteInput).mutation(({ ctx, input }) => members.mute(ctx, ctx.viewer, input)),
    unmute: authedProcedure.input(memberInput).mutation(({ ctx, input }) => members.unmute(ctx, ctx.viewer, input.roomId, input.userId)),
  }),
  dms: router({
    open: authedProcedure.input(openDmInput).mutation(({ ctx, input }) => rooms.openDm(ctx, ctx.viewer, input.username)),
    /** A group with 2 to 9 other people: the existing one with exactly these members, or a new one (groups.service.ts). */
    openGroup: authedProcedure.input(openGroupInput).mutation(({ ctx, input }) => groups.openGroup(ctx, ctx.viewer, input)),
    /** Any member of a group adds people, up to 10 in all. */
    addToGroup: authedProcedure.input(addToGroupInput).mutation(({ ctx, input }) => groups.addToGroup(ctx, ctx.viewer, input)),
  }),
  messages: router({
    /**
     * Idempotent on clientMessageId: a retried send returns the same message. Rate limited per user and room
     * (chat.limits.ts); a retry of a stored message is not counted.
     */
    send: authedProcedure
      .input(sendMessageInput)
      .use(async ({ ctx, input, next }) => {
        await limitSend(ctx, ctx.viewer, input);
        return next();
      })
      .mutation(({ ctx, input }) => messages.send(ctx, ctx.viewer, input)),
    /** Rate limited per user (chat.limits.ts). */
    list: authedProcedure
      .input(listMessagesInput)
      .use(async ({ ctx, next }) => {
        await limitHistory(ctx, ctx.viewer);
        return next();
      })
      .query(({ ctx, input }) => messages.list(ctx, ctx.viewer, input)),
    /**
     * Ranked search across the viewer's rooms, or in one room they may read (`roomId` / `in:`), with filters (inline
     * syntax: validators' chat-search.ts). Rate limited per user (chat.limits.ts).
     */
    search: authedProcedure
      .input(chatSearchInput)
      .use(async ({ ctx, next }) => {
        await limitSearch(ctx, ctx.viewer);
        return next();
      })
      .query(({ ctx, input }) => searches.search(ctx, ctx.viewer, input)),
    /** The author only; marked edited. */
    edit: authedProcedure.input(editMessageInput).mutation(({ ctx, input }) => messages.edit(ctx, ctx.viewer, input)),
    /** The author, or the room's moderators and owner; leaves a tombstone. */
    delete: authedProcedure.input(messageIdInput).mutation(({ ctx, input }) => messages.remove(ctx, ctx.viewer, input.messageId)),
    /**
     * The room's owner and moderators: the message's earlier versions, oldest first. Global admins read them only
     * around an open report (admin.chat.conversation, audited).
     */
    history: authedProcedure.input(messageHistoryInput).query(({ ctx, input }) => history.history(ctx, ctx.viewer, input.messageId)),
    /** Anyone who can read the message, once (idempotent); an open report lets global admins read around it. */
    report: authedProcedure.input(reportMessageInput).mutation(({ ctx, input }) => reports.report(ctx, ctx.viewer, input)),
  }),
  reactions: router({
    /** Members (not muted) of the message's room; idempotent; at most 20 distinct emojis per message. */
    add: authedProcedure.input(reactionInput).mutation(({ ctx, input }) => reactions.add(ctx, ctx.viewer, input)),
    /** Takes the viewer's reaction back; idempotent. */
    remove: authedProcedure.input(reactionInput).mutation(({ ctx, input }) => reactions.remove(ctx, ctx.viewer, input)),
    /** Who reacted with one emoji, for anyone who can read the message; paged. */
    list: authedProcedure.input(listReactorsInput).query(({ ctx, input }) => reactions.list(ctx, ctx.viewer, input)),
  }),
  /**
   * The viewer is typing in a room they are a member of (not muted): a `typing` event on chat.onRoom that shows until
   * `expiresAt` (6 s); never stored. Call at most every ~3 s while typing. Rate limited per user (5/s).
   */
  typing: authedProcedure
    .input(roomIdInput)
    .use(async ({ ctx, next }) => {
      await limitTyping(ctx, ctx.viewer);
      return next();
    })
    .mutation(({ ctx, input }) => typing.typing(ctx, ctx.viewer, input.roomId)),
  /**
   * A room's live timeline (new, edited and deleted messages), for anyone who may read it. Resumable with
   * `lastEventId` (sent back automatically by wsLink): every message after it arrives exactly once, in seq order.
   */
  onRoom: authedProcedure.input(onRoomInput).subscription(({ ctx, input, signal }) => roomStream(ctx, ctx.viewer, input, signal)),
  /**
   * The viewer's live room list: a `sync` of every conversation's counts, then new messages, mentions, the viewer's
   * read marks and joins/departures (inbox.service.ts: what is published for what, and why it stays cheap; inbox.events.ts: the events).
   */
  onInbox: authedProcedure.input(onEventInput).subscription(({ ctx, input, signal }) => inboxStream(ctx, ctx.viewer, input, signal)),
});
