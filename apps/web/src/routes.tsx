import type { RouteObject } from 'react-router';
import { RequireAuth } from './features/session/require-auth.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { RouteError } from './layout/route-error.tsx';
import { LoginPage } from './pages/auth/login.page.tsx';
import { SignupPage } from './pages/auth/signup.page.tsx';
import { HomePage } from './pages/home/home.page.tsx';
import { NotFoundPage } from './pages/not-found/not-found.page.tsx';
import { ProfilePage } from './pages/profile/profile.page.tsx';
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
      { path: 'upload', element: <RequireAuth><UploadPage /></RequireAuth> },
      { path: 'tracks/:id', element: <TrackPage /> },
      { path: 'u/:username', element: <ProfilePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
