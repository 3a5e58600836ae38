import type { TrackDto } from '@veza/api';
import { ProgressBar } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import './track-status.css';

type StatusFields = Pick<TrackDto, 'id' | 'status' | 'processingPercent' | 'failureReason'> & { renditions: number[] };

export interface TrackStatusProps {
  track: Pick<TrackDto, 'id' | 'status' | 'processingPercent' | 'failureReason' | 'hls'>;
  /** Also say "Ready" once processing is over (the upload list does; the track page only shows it live). */
  showReady?: boolean;
  className?: string;
}

const fromTrack = (track: TrackStatusProps['track']): StatusFields => ({
  id: track.id,
  status: track.status,
  processingPercent: track.processingPercent,
  failureReason: track.failureReason,
  renditions: track.hls?.renditions ?? [],
});

/**
 * Processing progress of a track: queued → processing (percent) → ready, or failed with the reason.
 * While unfinished it follows `tracks.onStatus`; when a rendition appears or processing ends it
 * refreshes `tracks.byId`, so the player picks up the adaptive stream.
 */
export function TrackStatus({ track, showReady = false, className }: TrackStatusProps) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [live, setLive] = useState<StatusFields | null>(null);
  // What the subscription said wins over the loaded copy, as long as it is about this track.
  const current = live && live.id === track.id ? live : fromTrack(track);
  const unfinished = current.status === 'queued' || current.status === 'processing';

  trpc.tracks.onStatus.useSubscription(
    { id: track.id },
    {
      enabled: track.status === 'queued' || track.status === 'processing',
      onData: ({ data }) => {
        const next: StatusFields = { id: data.id, status: data.status, processingPercent: data.percent, failureReason: data.failureReason, renditions: data.renditions };
        // tRPC hands the latest options to each event, so `current` is this render's value.
        const before = current;
        setLive(next);
        if (next.status !== before.status || next.renditions.length !== before.renditions.length) {
          void utils.tracks.byId.invalidate({ id: track.id });
          if (next.status === 'ready' || next.status === 'failed') void utils.tracks.list.invalidate();
        }
      },
    },
  );

  if (current.status === 'ready' && !showReady && !live) return null;

  return (
    <div className={['vw-track-status', `vw-track-status--${current.status}`, className].filter(Boolean).join(' ')} data-testid="track-status" data-status={current.status}>
      {current.status === 'queued' && (
        <ProgressBar label={t('track.status.queued')} valueText={t('track.status.waiting')} />
      )}
      {current.status === 'processing' && (
        <ProgressBar
          label={t('track.status.processing')}
          value={current.processingPercent / 100}
          valueText={t('track.status.percent', { percent: Math.round(current.processingPercent) })}
        />
      )}
      {current.status === 'ready' && (
        <p className="vw-track-status__ready" role="status">
          <span aria-hidden="true">✓ </span>
          {t('track.status.ready')}
        </p>
      )}
      {current.status === 'failed' && (
        <p className="vw-track-status__failed" role="alert">
          <strong>{t('track.status.failed')}</strong> {current.failureReason ?? t('track.status.failedUnknown')}
        </p>
      )}
      {unfinished && <p className="vw-track-status__note">{t('track.status.playableNow')}</p>}
    </div>
  );
}

/** The status of a track known only by id (the upload list): loads it, then as above. */
export function TrackStatusById({ id, showReady = true }: { id: string; showReady?: boolean }) {
  const { t } = useTranslation();
  const query = trpc.tracks.byId.useQuery({ id });
  if (query.isPending) return <ProgressBar label={t('track.status.checking')} />;
  if (query.isError) return <p className="vw-muted">{t('track.status.unknown')}</p>;
  return <TrackStatus track={query.data} showReady={showReady} />;
}
