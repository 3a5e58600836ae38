import { accountRouter } from './account/account.router.ts';
import { callsRouter } from './calls/calls.router.ts';
import { presenceRouter } from './presence/presence.router.ts';
import { adminRouter } from './admin/admin.router.ts';
import { authRouter } from './auth/auth.router.ts';
import { chatRouter } from './chat/chat.router.ts';
import { devMailboxRouter } from './mail/mailbox.router.ts';
import { mfaRouter } from './mfa/mfa.router.ts';
import { notificationsRouter } from './notifications/notifications.router.ts';
import { oauthRouter } from './oauth/oauth.router.ts';
import { tracksRouter } from './tracks/tracks.router.ts';
import { passkeysRouter } from './passkeys/passkeys.router.ts';
import { commentsRouter } from './comments/comments.router.ts';
import { pushRouter } from './notifications/push/push.router.ts';
import { playlistsRouter } from './playlists/playlists.router.ts';
import { listenRouter } from './listen/listen.router.ts';
import { exploreRouter } from './explore/explore.router.ts';
import { feedRouter } from './feed/feed.router.ts';
import { socialRouter } from './social/social.router.ts';
import { sharesRouter } from './shares/shares.router.ts';
import { groupsRouter } from './groups/groups.router.ts';
import { searchRouter } from './search/search.router.ts';
import { createCallerFactory, router } from './trpc.ts';
import { usersRouter } from './users/users.router.ts';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  tracks: tracksRouter,
  notifications: notificationsRouter,
  chat: chatRouter,
  mfa: mfaRouter,
  passkeys: passkeysRouter,
  oauth: oauthRouter,
  admin: adminRouter,
  account: accountRouter,
  devMailbox: devMailboxRouter,
  presence: presenceRouter,
  calls: callsRouter,
  social: socialRouter,
  feed: feedRouter,
  comments: commentsRouter,
  playlists: playlistsRouter,
  listen: listenRouter,
  explore: exploreRouter,
  shares: sharesRouter,
  push: pushRouter,
  groups: groupsRouter,
  search: searchRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
