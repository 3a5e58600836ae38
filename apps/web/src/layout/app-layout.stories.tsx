import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { fixtures, states } from '@veza/mocks';
import { useEffect } from 'react';
import { Route, Routes } from 'react-router';
import { toPlayerTrack } from '../features/tracks/track-model.ts';
import { HomePage } from '../pages/home/home.page.tsx';
import { TrackPage } from '../pages/track/track.page.tsx';
import { usePlayerUi } from '../features/player/player-ui.ts';
import { usePlayer } from '../stores/player.ts';
import { emptyQueue, fromList, useQueue } from '../stores/queue.ts';
import { pushToast } from '../stores/toasts.ts';
import { storyUsers } from '../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../test/story.tsx';
import { AppLayout } from './app-layout.tsx';

/** The whole frame: header, page, persistent player, toasts. The session comes from the mock `auth.me`. */
function Shell({ withTrack = false, toast = false, queueOpen = false }: { withTrack?: boolean; toast?: boolean; queueOpen?: boolean }) {
  useEffect(() => {
    if (withTrack) usePlayer.setState({ track: toPlayerTrack(fixtures.tracks[3]!), currentTime: 95, duration: 312, isPlaying: false });
    else usePlayer.setState({ track: null });
    useQueue.getState().update(() => (queueOpen ? fromList(emptyQueue, fixtures.tracks.slice(1, 5).map(toPlayerTrack), 2) : emptyQueue));
    usePlayerUi.setState({ queueOpen });
    if (toast) pushToast({ id: 'story-like', title: 'marc.dubois liked “Night Drive”', tone: 'success' });
  }, [withTrack, toast, queueOpen]);
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

// Phone width (390 px class): one header row, the rest behind the menu button; "Créer un compte" on one line.
const phone = { viewport: { value: 'mobile1', isRotated: false } };
const openMenu: Story['play'] = async ({ canvasElement }) => {
  const page = within(canvasElement.ownerDocument.body);
  await userEvent.click(await page.findByRole('button', { name: /^Menu$/ }));
  await expect(await page.findByRole('dialog', { name: 'Menu' })).toBeVisible();
};
export const PhoneSignedOut: Story = { globals: phone };
export const PhoneFrench: Story = { ...French, globals: phone };
export const PhoneSignedIn: Story = { ...SignedIn, globals: phone };
/** The menu sheet of a signed-in user: navigation, profile, settings, log out, language. */
export const PhoneMenuOpen: Story = { ...SignedIn, globals: phone, play: openMenu };
export const PhoneMenuOpenSignedOut: Story = { globals: phone, play: openMenu };
/** The dock at phone width: the quality control is a compact face ("Auto"), nothing is cut. */
export const PhoneWithPlayer: Story = { ...WithPlayer, globals: phone };
/** The queue as a bottom sheet over the page (Escape, the close button or the backdrop close it). */
export const PhoneQueueOpen: Story = { ...WithPlayer, args: { withTrack: true, queueOpen: true }, globals: phone };
