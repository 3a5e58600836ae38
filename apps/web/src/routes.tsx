import { Navigate, type RouteObject } from 'react-router';
import { RequireAuth } from './features/session/require-auth.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { lazyScreen } from './lib/lazy-screen.ts';

// Every screen is its own chunk, fetched when first shown (or when a link to it is hovered or focused: see
// prefetch.ts); only the shell (layout, header, player host) is in the first load. tooling/scripts/bundle-budget.mjs
// holds the first load to its budget at build time.
const HomePage = lazyScreen(() => import('./pages/home/home.page.tsx'), 'HomePage', { core: true });
const LoginPage = lazyScreen(() => import('./pages/auth/login.page.tsx'), 'LoginPage');
const SignupPage = lazyScreen(() => import('./pages/auth/signup.page.tsx'), 'SignupPage');
const ForgotPasswordPage = lazyScreen(() => import('./pages/auth/forgot-password.page.tsx'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyScreen(() => import('./pages/auth/reset-password.page.tsx'), 'ResetPasswordPage');
const VerifyEmailPage = lazyScreen(() => import('./pages/auth/verify-email.page.tsx'), 'VerifyEmailPage');
const UploadPage = lazyScreen(() => import('./pages/upload/upload.page.tsx'), 'UploadPage');
const TrackPage = lazyScreen(() => import('./pages/track/track.page.tsx'), 'TrackPage');
const SharePage = lazyScreen(() => import('./pages/share/share.page.tsx'), 'SharePage');
const ProfilePage = lazyScreen(() => import('./pages/profile/profile.page.tsx'), 'ProfilePage');
const FollowersPage = lazyScreen(() => import('./pages/follows/follows.page.tsx'), 'FollowersPage');
const FollowingPage = lazyScreen(() => import('./pages/follows/follows.page.tsx'), 'FollowingPage');
const FollowRequestsPage = lazyScreen(() => import('./pages/follow-requests/follow-requests.page.tsx'), 'FollowRequestsPage');
const TagPage = lazyScreen(() => import('./pages/tag/tag.page.tsx'), 'TagPage');
const PlaylistPage = lazyScreen(() => import('./pages/playlist/playlist.page.tsx'), 'PlaylistPage');
const ExplorePage = lazyScreen(() => import('./pages/explore/explore.page.tsx'), 'ExplorePage');
const SearchPage = lazyScreen(() => import('./pages/search/search.page.tsx'), 'SearchPage');
const ChatPage = lazyScreen(() => import('./pages/chat/chat.page.tsx'), 'ChatPage');
const ListenPage = lazyScreen(() => import('./pages/listen/listen.page.tsx'), 'ListenPage');
const SettingsLayout = lazyScreen(() => import('./pages/settings/settings-layout.tsx'), 'SettingsLayout');
const AccountSettingsPage = lazyScreen(() => import('./pages/settings/account/account.page.tsx'), 'AccountSettingsPage');
const SecuritySettingsPage = lazyScreen(() => import('./pages/settings/security/security.page.tsx'), 'SecuritySettingsPage');
const SessionsPage = lazyScreen(() => import('./pages/settings/sessions/sessions.page.tsx'), 'SessionsPage');
const ConnectionsPage = lazyScreen(() => import('./pages/settings/connections/connections.page.tsx'), 'ConnectionsPage');
const NotificationSettingsPage = lazyScreen(() => import('./pages/settings/notifications/notifications-settings.page.tsx'), 'NotificationSettingsPage');
const NotificationsPage = lazyScreen(() => import('./pages/notifications/notifications.page.tsx'), 'NotificationsPage');
const AdminLayout = lazyScreen(() => import('./pages/admin/admin-layout.tsx'), 'AdminLayout');
const AdminGate = lazyScreen(() => import('./pages/admin/admin-layout.tsx'), 'AdminGate');
const AdminUsersPage = lazyScreen(() => import('./pages/admin/users/admin-users.page.tsx'), 'AdminUsersPage');
const AdminAuditPage = lazyScreen(() => import('./pages/admin/audit/admin-audit.page.tsx'), 'AdminAuditPage');
const AdminMailboxPage = lazyScreen(() => import('./pages/admin/mailbox/admin-mailbox.page.tsx'), 'AdminMailboxPage');
const AdminReportsPage = lazyScreen(() => import('./pages/admin/reports/admin-reports.page.tsx'), 'AdminReportsPage');
const UnsubscribePage = lazyScreen(() => import('./pages/unsubscribe/unsubscribe.page.tsx'), 'UnsubscribePage');
const GroupsPage = lazyScreen(() => import('./pages/groups/groups.page.tsx'), 'GroupsPage');
const NewGroupPage = lazyScreen(() => import('./pages/groups/new-group.page.tsx'), 'NewGroupPage');
const GroupPage = lazyScreen(() => import('./pages/groups/group.page.tsx'), 'GroupPage');
const JoinGroupLinkPage = lazyScreen(() => import('./pages/groups/join-link.page.tsx'), 'JoinGroupLinkPage');
const NotFoundPage = lazyScreen(() => import('./pages/not-found/not-found.page.tsx'), 'NotFoundPage');

/** What to fetch ahead when a link to a route is hovered or focused (read by prefetch.ts through `handle`). */
export interface RouteHandle {
  preload: () => Promise<unknown>;
}
const ahead = (...screens: { preload: () => Promise<unknown> }[]): RouteHandle => ({
  preload: () => Promise.all(screens.map((screen) => screen.preload())),
});

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage />, handle: ahead(HomePage) },
      { path: 'login', element: <LoginPage />, handle: ahead(LoginPage) },
      { path: 'signup', element: <SignupPage />, handle: ahead(SignupPage) },
      { path: 'forgot-password', element: <ForgotPasswordPage />, handle: ahead(ForgotPasswordPage) },
      { path: 'reset-password', element: <ResetPasswordPage />, handle: ahead(ResetPasswordPage) },
      { path: 'verify-email', element: <VerifyEmailPage />, handle: ahead(VerifyEmailPage) },
      { path: 'unsubscribe', element: <UnsubscribePage />, handle: ahead(UnsubscribePage) },
      { path: 'upload', element: <RequireAuth><UploadPage /></RequireAuth>, handle: ahead(UploadPage) },
      { path: 'tracks/:id', element: <TrackPage />, handle: ahead(TrackPage) },
      { path: 'share/:token', element: <SharePage />, handle: ahead(SharePage) },
      { path: 'u/:username', element: <ProfilePage />, handle: ahead(ProfilePage) },
      { path: 'u/:username/playlists', element: <ProfilePage />, handle: ahead(ProfilePage) },
      { path: 'u/:username/reposts', element: <ProfilePage />, handle: ahead(ProfilePage) },
      { path: 'u/:username/likes', element: <ProfilePage />, handle: ahead(ProfilePage) },
      { path: 'u/:username/followers', element: <FollowersPage />, handle: ahead(FollowersPage) },
      { path: 'u/:username/following', element: <FollowingPage />, handle: ahead(FollowingPage) },
      { path: 'follow-requests', element: <RequireAuth><FollowRequestsPage /></RequireAuth>, handle: ahead(FollowRequestsPage) },
      { path: 'notifications', element: <RequireAuth><NotificationsPage /></RequireAuth>, handle: ahead(NotificationsPage) },
      { path: 'playlists/:id', element: <PlaylistPage />, handle: ahead(PlaylistPage) },
      { path: 'tags/:tag', element: <TagPage />, handle: ahead(TagPage) },
      { path: 'explore', element: <ExplorePage />, handle: ahead(ExplorePage) },
      { path: 'search', element: <SearchPage />, handle: ahead(SearchPage) },
      { path: 'groups', element: <GroupsPage />, handle: ahead(GroupsPage) },
      { path: 'groups/new', element: <RequireAuth><NewGroupPage /></RequireAuth>, handle: ahead(NewGroupPage) },
      { path: 'groups/join/:token', element: <RequireAuth><JoinGroupLinkPage /></RequireAuth>, handle: ahead(JoinGroupLinkPage) },
      { path: 'groups/:ref', element: <GroupPage />, handle: ahead(GroupPage) },
      { path: 'groups/:ref/:tab', element: <GroupPage />, handle: ahead(GroupPage) },
      { path: 'chat', element: <RequireAuth><ChatPage /></RequireAuth>, handle: ahead(ChatPage) },
      { path: 'chat/:roomId', element: <RequireAuth><ChatPage /></RequireAuth>, handle: ahead(ChatPage) },
      { path: 'chat/invite/:code', element: <RequireAuth><ChatPage /></RequireAuth>, handle: ahead(ChatPage) },
      { path: 'listen/:id', element: <RequireAuth><ListenPage /></RequireAuth>, handle: ahead(ListenPage) },
      {
        path: 'settings',
        element: <RequireAuth><SettingsLayout /></RequireAuth>,
        handle: ahead(SettingsLayout),
        children: [
          { index: true, element: <Navigate to="/settings/account" replace />, handle: ahead(AccountSettingsPage) },
          { path: 'account', element: <AccountSettingsPage />, handle: ahead(AccountSettingsPage) },
          { path: 'security', element: <SecuritySettingsPage />, handle: ahead(SecuritySettingsPage) },
          { path: 'sessions', element: <SessionsPage />, handle: ahead(SessionsPage) },
          { path: 'connections', element: <ConnectionsPage />, handle: ahead(ConnectionsPage) },
          { path: 'notifications', element: <NotificationSettingsPage />, handle: ahead(NotificationSettingsPage) },
        ],
      },
      {
        path: 'admin',
        element: <RequireAuth><AdminLayout /></RequireAuth>,
        handle: ahead(AdminLayout),
        children: [
          { index: true, element: <Navigate to="/admin/users" replace />, handle: ahead(AdminUsersPage) },
          { path: 'users', element: <AdminGate area="users"><AdminUsersPage /></AdminGate>, handle: ahead(AdminUsersPage) },
          { path: 'audit', element: <AdminGate area="audit"><AdminAuditPage /></AdminGate>, handle: ahead(AdminAuditPage) },
          { path: 'mailbox', element: <AdminGate area="mailbox"><AdminMailboxPage /></AdminGate>, handle: ahead(AdminMailboxPage) },
          { path: 'reports', element: <AdminGate area="reports"><AdminReportsPage /></AdminGate>, handle: ahead(AdminReportsPage) },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
