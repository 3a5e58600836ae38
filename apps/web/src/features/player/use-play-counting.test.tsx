import { waitFor } from '@testing-library/react';
import { fixtures, MockTrpcError, trpcMsw } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { describe, expect, it } from 'vitest';
import { usePlayer } from '../../stores/player.ts';
import { renderScreen } from '../../test/render.tsx';
import { trpc } from '../../trpc.ts';
import { toPlayerTrack } from '../tracks/track-model.ts';
import { usePlayCounting } from './use-play-counting.ts';

const NIGHT_DRIVE = fixtures.tracks[0]!;

/** The hook as PlayerHost mounts it, and the track page's query of Night Drive (its play count). */
function Probe() {
  usePlayCounting();
  const track = trpc.tracks.byId.useQuery({ id: NIGHT_DRIVE.id });
  return <p data-testid="plays">{track.data?.playCount ?? ''}</p>;
}

describe('usePlayCounting', () => {
  it('asks for a ticket as a track starts, sends it back once heard, and shows the new count', async () => {
    const started: string[] = [];
    const counted: string[] = [];
    server.use(
      // No threshold, so the first bit of listening is enough.
      trpcMsw.tracks.playStart.mutation(({ input }) => {
        started.push(input.id);
        return { ticket: `ticket-${started.length}`, countAfterMs: 0 };
      }),
      trpcMsw.tracks.playCount.mutation(({ input }) => {
        counted.push(input.ticket);
        return { id: NIGHT_DRIVE.id, counted: true, playCount: 1_235 };
      }),
    );
    // The counter's code (its own chunk) is there by the time a track starts.
    await import('./play-counting.ts');
    const view = renderScreen(<Probe />);
    await waitFor(() => expect(view.getByTestId('plays').textContent).toBe('1234'));

    usePlayer.getState().play(toPlayerTrack(NIGHT_DRIVE));
    await waitFor(() => expect(started).toEqual([NIGHT_DRIVE.id]));
    // The engine reports progress (there is none in tests: the store stands in for it).
    await new Promise((resolve) => setTimeout(resolve, 30));
    usePlayer.getState().report({ currentTime: 0.02 });
    await waitFor(() => expect(counted).toEqual(['ticket-1']));
    await waitFor(() => expect(view.getByTestId('plays').textContent).toBe('1235'));

    usePlayer.getState().report({ currentTime: 0.04 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(counted).toEqual(['ticket-1']);
    expect(started).toHaveLength(1);
  });

  it('sends nothing when playStart fails, and playback goes on', async () => {
    let counts = 0;
    server.use(
      trpcMsw.tracks.playStart.mutation(() => {
        throw new MockTrpcError('INTERNAL_SERVER_ERROR', 'Something went wrong on our side. Please try again.');
      }),
      trpcMsw.tracks.playCount.mutation(() => {
        counts += 1;
        return { id: NIGHT_DRIVE.id, counted: true, playCount: 1 };
      }),
    );
    await import('./play-counting.ts');
    renderScreen(<Probe />);
    await new Promise((resolve) => setTimeout(resolve, 10));
    usePlayer.getState().play(toPlayerTrack(NIGHT_DRIVE));
    await new Promise((resolve) => setTimeout(resolve, 30));
    usePlayer.getState().report({ currentTime: 0.02 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(counts).toBe(0);
    expect(usePlayer.getState()).toMatchObject({ isPlaying: true, failed: false });
  });
});
