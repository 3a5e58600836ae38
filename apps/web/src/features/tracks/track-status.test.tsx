import { act, render, screen } from '@testing-library/react';
import { httpLink, splitLink, type TRPCLink } from '@trpc/client';
import { observable, type Observer } from '@trpc/server/observable';
import type { AppRouter } from '@veza/api';
import { aTrack } from '@veza/mocks';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider, createQueryClient } from '../../api-provider.tsx';
import { textOf } from '../../test/dom.ts';
import { TEST_TRPC_URL } from '../../test/render.tsx';
import { trpc } from '../../trpc.ts';
import { TrackStatus } from './track-status.tsx';

interface StatusEvent { id: string; status: 'queued' | 'processing' | 'ready' | 'failed'; percent: number; failureReason: string | null; renditions: number[] }

/** A client whose subscriptions the test drives: `emit(event)` plays the server's `tracks.onStatus`. */
function liveClient() {
  const observers: Observer<unknown, unknown>[] = [];
  const subscriptions: unknown[] = [];
  const fake: TRPCLink<AppRouter> = () => ({ op }) =>
    observable((observer) => {
      subscriptions.push(op.input);
      observers.push(observer as Observer<unknown, unknown>);
      return () => undefined;
    });
  const client = trpc.createClient({
    links: [splitLink({ condition: (op) => op.type === 'subscription', true: fake, false: httpLink({ url: TEST_TRPC_URL }) })],
  });
  const emit = (event: StatusEvent) =>
    act(() => {
      for (const o of observers) o.next({ result: { type: 'data', id: 'e', data: { id: 'e', data: event } } });
    });
  return { client, emit, subscriptions };
}

function renderStatus(track: Parameters<typeof TrackStatus>[0]['track'], showReady = false) {
  const live = liveClient();
  const queryClient = createQueryClient({ retry: false });
  const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
  render(
    <ApiProvider client={live.client} queryClient={queryClient}>
      <TrackStatus track={track} showReady={showReady} />
    </ApiProvider>,
  );
  const byIdInvalidations = () => invalidate.mock.calls.filter(([filters]) => JSON.stringify(filters?.queryKey ?? '').includes('byId')).length;
  return { ...live, byIdInvalidations };
}

const processing = aTrack({ status: 'processing', processingPercent: 42, hls: null, failureReason: null });

describe('TrackStatus', () => {
  it('shows the processing percent and says the original already plays', () => {
    renderStatus(processing);
    expect(screen.getByRole('progressbar', { name: 'Processing…' }).getAttribute('aria-valuenow')).toBe('42');
    expect(screen.getByText('Playable now in original quality; adaptive streaming is being prepared.')).toBeTruthy();
  });

  it('says "Queued" before processing starts', () => {
    renderStatus(aTrack({ status: 'queued', processingPercent: 0, hls: null }));
    expect(screen.getByRole('progressbar', { name: 'Queued for processing' })).toBeTruthy();
  });

  it('shows the failure reason as an alert', () => {
    renderStatus(aTrack({ status: 'failed', hls: null, failureReason: 'The file seems to be cut short.' }));
    expect(textOf(screen.getByRole('alert'))).toBe('Processing failed: The file seems to be cut short.');
  });

  it('shows nothing for a ready track on the track page, and "Ready" in the upload list', () => {
    renderStatus(aTrack({ status: 'ready' }));
    expect(screen.queryByTestId('track-status')).toBeNull();
    renderStatus(aTrack({ status: 'ready' }), true);
    expect(screen.getByRole('status').textContent).toContain('Ready');
  });

  it('follows tracks.onStatus and refreshes the track when a rendition appears and when it is ready', () => {
    const { emit, subscriptions, byIdInvalidations } = renderStatus(processing);
    expect(subscriptions).toEqual([{ id: processing.id }]);

    emit({ id: processing.id, status: 'processing', percent: 60, failureReason: null, renditions: [] });
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('60');
    expect(byIdInvalidations()).toBe(0);

    emit({ id: processing.id, status: 'processing', percent: 75, failureReason: null, renditions: [128] });
    expect(byIdInvalidations()).toBe(1);

    emit({ id: processing.id, status: 'ready', percent: 100, failureReason: null, renditions: [128, 256, 320] });
    expect(screen.getByRole('status').textContent).toContain('Ready');
    expect(byIdInvalidations()).toBe(2);
  });

  it('does not subscribe once the track is finished', () => {
    const { subscriptions } = renderStatus(aTrack({ status: 'ready' }));
    expect(subscriptions).toEqual([]);
  });
});
