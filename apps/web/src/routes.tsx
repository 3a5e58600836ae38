import { Navigate, type RouteObject } from 'react-router';
import { RequireAuth } from './features/session/require-auth.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { RouteError } from './layout/route-error.tsx';
import { ForgotPasswordPage } from './pages/auth/forgot-password.page.tsx';
import { LoginPage } from './pages/auth/login.page.tsx';
import { ResetPasswordPage } from './pages/auth/reset-password.page.tsx';
import { VerifyEmailPage } from './pages/auth/verify-email.page.tsx';
import { SignupPage } from './pages/auth/signup.page.tsx';
import { HomePage } from './pages/home/home.page.tsx';
import { AdminGate, AdminLayout } from './pages/admin/admin-layout.tsx';
import { AdminAuditPage } from './pages/admin/audit/admin-audit.page.tsx';
import { AdminMailboxPage } from './pages/admin/mailbox/admin-mailbox.page.tsx';
import { AdminUsersPage } from './pages/admin/users/admin-users.page.tsx';
import { NotFoundPage } from './pages/not-found/not-found.page.tsx';
import { ProfilePage } from './pages/profile/profile.page.tsx';
import { AccountSettingsPage } from './pages/settings/account/account.page.tsx';
import { ConnectionsPage } from './pages/settings/connections/connections.page.tsx';
import { SecuritySettingsPage } from './pages/settings/security/security.page.tsx';
import { SessionsPage } from './pages/settings/sessions/sessions.page.tsx';
import { SettingsLayout } from './pages/settings/settings-layout.tsx';
import { TrackPage } from './pages/track/track.page.tsx';
import { UploadPage } from './pages/upload/upload.page.tsx';

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'signup', element: <SignupPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'verify-email', element: <VerifyEmailPage /> },
      { path: 'upload', element: <RequireAuth><UploadPage /></RequireAuth> },
      { path: 'tracks/:id', element: <TrackPage /> },
      { path: 'u/:username', element: <ProfilePage /> },
      {
        path: 'settings',
        element: <RequireAuth><SettingsLayout /></RequireAuth>,
        children: [
          { index: true, element: <Navigate to="/settings/account" replace /> },
          { path: 'account', element: <AccountSettingsPage /> },
          { path: 'security', element: <SecuritySettingsPage /> },
          { path: 'sessions', element: <SessionsPage /> },
          { path: 'connections', element: <ConnectionsPage /> },
        ],
      },
      {
        path: 'admin',
        element: <RequireAuth><AdminLayout /></RequireAuth>,
        children: [
          { index: true, element: <Navigate to="/admin/users" replace /> },
          { path: 'users', element: <AdminGate area="users"><AdminUsersPage /></AdminGate> },
          { path: 'audit', element: <AdminGate area="audit"><AdminAuditPage /></AdminGate> },
          { path: 'mailbox', element: <AdminGate area="mailbox"><AdminMailboxPage /></AdminGate> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
