import type { Meta, StoryObj } from '@storybook/react-vite';
import { fixtures, states } from '@veza/mocks';
import { useEffect } from 'react';
import { Route, Routes } from 'react-router';
import { toPlayerTrack } from '../features/tracks/track-model.ts';
import { HomePage } from '../pages/home/home.page.tsx';
import { TrackPage } from '../pages/track/track.page.tsx';
import { usePlayer } from '../stores/player.ts';
import { pushToast } from '../stores/toasts.ts';
import { storyUsers } from '../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../test/story.tsx';
import { AppLayout } from './app-layout.tsx';

/** The whole frame: header, page, persistent player, toasts. The session comes from the mock `auth.me`. */
function Shell({ withTrack = false, toast = false }: { withTrack?: boolean; toast?: boolean }) {
  useEffect(() => {
    if (withTrack) usePlayer.setState({ track: toPlayerTrack(fixtures.tracks[3]!), currentTime: 95, duration: 312, isPlaying: false });
    else usePlayer.setState({ track: null });
    if (toast) pushToast({ id: 'story-like', title: 'marc.dubois liked “Night Drive”', tone: 'success' });
  }, [withTrack, toast]);
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        <Route path="tracks/:id" element={<TrackPage />} />
      </Route>
    </Routes>
  );
}

const meta = {
  title: 'Screens/App shell',
  component: Shell,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: { path: '/*', url: '/', session: 'unknown' } satisfies ScreenParameters, msw: mocks() },
} satisfies Meta<typeof Shell>;
export default meta;
type Story = StoryObj<typeof meta>;

export const SignedOut: Story = {};
export const SignedIn: Story = {
  parameters: { screen: { path: '/*', url: '/', session: 'unknown' } satisfies ScreenParameters, msw: mocks(states.me(storyUsers.ana)) },
};
export const WithPlayer: Story = { args: { withTrack: true }, parameters: { msw: mocks(states.me(storyUsers.ana)) } };
export const WithNotification: Story = { args: { withTrack: true, toast: true }, parameters: { msw: mocks(states.me(storyUsers.ana)) } };
export const French: Story = { parameters: { screen: { path: '/*', url: '/', session: 'unknown', language: 'fr' } satisfies ScreenParameters } };
