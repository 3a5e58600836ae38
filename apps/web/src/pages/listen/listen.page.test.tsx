import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { listenMock, MOCK_LISTEN, resetMockDb } from '@veza/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { ListenLayer } from '../../features/listen/listen-driver.tsx';
import { resetListenLive } from '../../features/listen/listen-live.ts';
import { MockListenFeed } from '../../features/listen/mock-listen-feed.tsx';
import { useListenSession } from '../../stores/listen.ts';
import { usePlayer, type PlayerEngineLike } from '../../stores/player.ts';
import type { SessionUser } from '../../stores/session.ts';
import { ana, lea, marc, renderScreen } from '../../test/render.tsx';
import { ListenPage } from './listen.page.tsx';

function fakeEngine(): PlayerEngineLike & { calls: string[] } {
  const calls: string[] = [];
  let at = 0;
  return {
    calls,
    load: (track, options) => {
      at = options?.startAt ?? 0;
      calls.push(`load ${track.title} ${options?.autoplay ? 'play' : 'paused'}`);
    },
    play: () => void calls.push('play'),
    pause: () => void calls.push('pause'),
    seek: (s) => {
      at = s;
      calls.push('seek');
    },
    stop: () => void calls.push('stop'),
    position: () => at,
  };
}

function renderSession(id: string, session: SessionUser) {
  resetMockDb({ signedInAs: session.username });
  const engine = fakeEngine();
  usePlayer.setState({ engine });
  renderScreen(
    <MockListenFeed>
      <ListenPage />
      <ListenLayer />
    </MockListenFeed>,
    { path: '/listen/:id', url: `/listen/${id}`, session },
  );
  return engine;
}

afterEach(() => {
  useListenSession.getState().exit();
  resetListenLive();
  usePlayer.setState({ remote: null });
});

describe('ListenPage', () => {
  it('shows a link holder the host, the track and Join; joining starts the session on their player', async () => {
    const engine = renderSession(MOCK_LISTEN.live, lea);
    expect(await screen.findByRole('heading', { name: 'Marc Dubois invites you to listen along' })).toBeTruthy();
    expect(screen.getByText('Rue des Martyrs')).toBeTruthy();
    expect(usePlayer.getState().remote).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByRole('button', { name: 'Pause for me' })).toBeTruthy();
    await waitFor(() => expect(engine.calls).toContain('load Rue des Martyrs play'));
    expect(usePlayer.getState().remote?.seekable).toBe(false);
    expect(screen.getByTestId('listen-sync').dataset.playing).toBe('true');
  });

  it("gives a listener their own pause, and refuses them the host's controls", async () => {
    const engine = renderSession(MOCK_LISTEN.live, ana);
    await screen.findByRole('button', { name: 'Pause for me' });
    await waitFor(() => expect(usePlayer.getState().remote).not.toBeNull());
    usePlayer.getState().next();
    expect(await screen.findByText('Only the host controls playback')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Pause for me' }));
    expect(await screen.findByText('Paused for you. The session goes on.')).toBeTruthy();
    expect(engine.calls.at(-1)).toBe('pause');
    await userEvent.click(screen.getByRole('button', { name: 'Listen' }));
    await waitFor(() => expect(engine.calls.at(-1)).toBe('play'));
    // She removes what she added, not what Marc added.
    expect(screen.queryByRole('button', { name: 'Remove Le dernier métro' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Remove Night Drive' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Remove Night Drive' })).toBeNull());
  });

  it("turns the host's play, pause and skip into session controls, from the screen and from the player", async () => {
    renderSession(MOCK_LISTEN.live, marc);
    await userEvent.click(await screen.findByRole('button', { name: 'Pause' }));
    expect(await screen.findByRole('button', { name: 'Play' })).toBeTruthy();
    expect(listenMock.session(MOCK_LISTEN.live).playing).toBe(false);
    await waitFor(() => expect(usePlayer.getState().remote?.seekable).toBe(true));
    usePlayer.getState().next();
    await waitFor(() => expect(screen.getByRole('link', { name: 'Night Drive' }).closest('.vw-listen-now')).toBeTruthy());
    expect(listenMock.session(MOCK_LISTEN.live).playing).toBe(true);
    await userEvent.click(screen.getByRole('switch', { name: 'Lock the queue' }));
    await waitFor(() => expect(listenMock.session(MOCK_LISTEN.live).queueLocked).toBe(true));
  });

  it('tells a listener when the host hands over to them, and when the session ends', async () => {
    renderSession(MOCK_LISTEN.live, ana);
    await screen.findByRole('button', { name: 'Pause for me' });
    listenMock.leaveAs('marc.dubois', MOCK_LISTEN.live);
    expect(await within(screen.getAllByRole('status').find((s) => s.classList.contains('vw-listen-notice'))!).findByText('You are now the host')).toBeTruthy();
    expect(await screen.findByRole('switch', { name: 'Lock the queue' })).toBeTruthy();
    listenMock.endElsewhere(MOCK_LISTEN.live);
    expect(await screen.findByRole('heading', { name: 'This session has ended' })).toBeTruthy();
    await waitFor(() => expect(usePlayer.getState().remote).toBeNull());
  });

  it('leaves: the player gets its own controls back', async () => {
    renderSession(MOCK_LISTEN.live, ana);
    await screen.findByRole('button', { name: 'Pause for me' });
    await userEvent.click(screen.getByRole('button', { name: 'Leave' }));
    expect(await screen.findByRole('button', { name: 'Join' })).toBeTruthy();
    expect(usePlayer.getState().remote).toBeNull();
    expect(listenMock.session(MOCK_LISTEN.live).memberIds).toHaveLength(1);
  });

  it('says when a session does not exist', async () => {
    renderSession('5e000000-0000-4000-8000-0000000000ff', ana);
    expect(await screen.findByText('This session does not exist')).toBeTruthy();
  });
});
