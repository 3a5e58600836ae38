import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixtures, resetMockDb, states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrackWaveform } from '../player/track-waveform.tsx';
import { usePlayer } from '../../stores/player.ts';
import { textOf } from '../../test/dom.ts';
import { renderScreen } from '../../test/render.tsx';
import { toPlayerTrack } from '../tracks/track-model.ts';
import { POP_MS } from './waveform-comments.tsx';

const NIGHT_DRIVE = fixtures.tracks[0]!; // 3:21; top-level comments at 0:12, 1:02, 1:35 and 2:30
const RUE_DES_MARTYRS = fixtures.tracks[1]!;

function renderWave(track = NIGHT_DRIVE) {
  resetMockDb();
  return renderScreen(<TrackWaveform track={track} />, { path: '/tracks/:id', url: `/tracks/${track.id}` });
}
const markers = () => screen.findByRole('toolbar', { name: '4 comments along the track' });
const bubble = () => screen.queryByTestId('wave-comment-bubble');

afterEach(() => {
  vi.useRealTimers();
});

describe('Comments along the waveform', () => {
  it('puts an avatar at each comment moment, named with what was said, next to the unchanged seek slider', async () => {
    renderWave();
    const bar = await markers();
    const buttons = within(bar).getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Marc Dubois at 0:12: Love the tape hiss in the intro.',
      'lea_m at 1:02: That drop! @marc.dubois you have to hear this one.',
      'Marc Dubois at 1:35: Perfect for a night drive indeed.',
      'Ana Lima at 2:30: The rain in this part was recorded on my balcony.',
    ]);
    expect(buttons.map((b) => (b.parentElement as HTMLElement).style.left)).toEqual([`${(12 / 201) * 100}%`, `${(62 / 201) * 100}%`, `${(95 / 201) * 100}%`, `${(150 / 201) * 100}%`]);
    // One Tab stop for all of them.
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1, -1, -1]);
    expect(screen.getByRole('slider', { name: 'Seek' }).getAttribute('aria-valuetext')).toBe('0:00 of 3:21');
  });

  it('moves between markers with the arrows, Home and End, and shows the excerpt of the one focused or hovered', async () => {
    renderWave();
    const buttons = within(await markers()).getAllByRole('button');
    act(() => buttons[0]!.focus());
    expect(textOf(bubble())).toBe('Marc Dubois · 0:12Love the tape hiss in the intro.');
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(buttons[1]);
    expect(buttons.map((b) => b.tabIndex)).toEqual([-1, 0, -1, -1]);
    expect(textOf(bubble())).toContain('That drop!');
    await userEvent.keyboard('{End}');
    expect(document.activeElement).toBe(buttons[3]);
    await userEvent.keyboard('{Home}');
    expect(document.activeElement).toBe(buttons[0]);
    act(() => buttons[0]!.blur());
    expect(bubble()).toBeNull();
    fireEvent.pointerEnter(buttons[2]!);
    expect(textOf(bubble())).toContain('Perfect for a night drive indeed.');
    fireEvent.pointerLeave(buttons[2]!);
    expect(bubble()).toBeNull();
  });

  it('seeks to a marker: starts this track there when another plays, else moves the playhead', async () => {
    usePlayer.setState({ track: toPlayerTrack(RUE_DES_MARTYRS), currentTime: 40, isPlaying: true });
    renderWave();
    await userEvent.click(within(await markers()).getByRole('button', { name: /^lea_m at 1:02/ }));
    expect(usePlayer.getState()).toMatchObject({ track: { id: NIGHT_DRIVE.id }, currentTime: 62, isPlaying: true });
    await userEvent.click(screen.getByRole('button', { name: /^Ana Lima at 2:30/ }));
    expect(usePlayer.getState().currentTime).toBe(150);
  });

  it('pops up the comment just passed while playing, for a few seconds; not on a seek, nor for another track', async () => {
    usePlayer.setState({ track: toPlayerTrack(NIGHT_DRIVE), currentTime: 11.5, isPlaying: true });
    renderWave();
    await markers();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    act(() => usePlayer.setState({ currentTime: 12.25 }));
    expect(textOf(bubble())).toBe('Marc Dubois · 0:12Love the tape hiss in the intro.');
    act(() => vi.advanceTimersByTime(POP_MS));
    expect(bubble()).toBeNull();

    // A seek over 1:02 pops nothing.
    act(() => usePlayer.setState({ currentTime: 70 }));
    expect(bubble()).toBeNull();
    // Paused: nothing either.
    act(() => usePlayer.setState({ isPlaying: false, currentTime: 94.5 }));
    act(() => usePlayer.setState({ currentTime: 95.2 }));
    expect(bubble()).toBeNull();
  });

  it('shows no markers without comments, or when the timeline cannot be read', async () => {
    const first = renderWave(RUE_DES_MARTYRS);
    await screen.findByRole('slider', { name: 'Seek' });
    await waitFor(() => expect(screen.queryByRole('toolbar')).toBeNull());
    first.unmount();

    server.use(states.error('comments.timeline'));
    renderWave();
    await screen.findByRole('slider', { name: 'Seek' });
    expect(screen.queryByRole('toolbar')).toBeNull();
  });
});
