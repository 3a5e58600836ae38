import type { ListeningSessionDto } from '@veza/api';
import { Button, CoverArt, formatClock, Waveform } from '@veza/ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePlayer } from '../../stores/player.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { displayNameOf, profileHref, trackHref } from '../tracks/track-model.ts';
import { useListenLive } from './listen-live.ts';
import { listenErrorMessage } from './listen-model.ts';
import { expectedPositionMs } from './sync.ts';

/**
 * Where the session is, as text ("1:23 of 3:20") and, for tests and tools, as data: `data-expected-ms` (the session's
 * position on the server's clock), `data-position-ms` (this player's), `data-drift-ms` and `data-playing`. The driver
 * refreshes them a few times a second; before it runs, the position is worked out from the session alone.
 */
export function SyncStatus({ session }: { session: ListeningSessionDto }) {
  const { t } = useTranslation();
  const expected = useListenLive((s) => s.expectedMs);
  const position = useListenLive((s) => s.positionMs);
  const offset = useListenLive((s) => s.offsetMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (expected !== null || !session.playing) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [expected, session.playing]);
  const durationMs = session.track?.durationMs ?? null;
  const at = expected ?? expectedPositionMs({ ...session, durationMs }, now, offset ?? 0);
  return (
    <p
      className="vw-listen-now__time"
      data-testid="listen-sync"
      data-expected-ms={Math.round(at)}
      data-position-ms={position ?? undefined}
      data-drift-ms={position !== null && expected !== null ? Math.round(position - expected) : undefined}
      data-playing={session.playing}
    >
      {t('listen.position', { position: formatClock(at / 1000), duration: formatClock((durationMs ?? 0) / 1000) })}
      {!session.playing && <span className="vw-muted"> · {t('listen.paused')}</span>}
    </p>
  );
}

/** The host's transport: play / pause, next, and seeking (the waveform, or a slider without one). */
function HostControls({ session }: { session: ListeningSessionDto }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const control = trpc.listen.control.useMutation({
    onSuccess: (next) => utils.listen.byId.setData({ id: next.id }, next),
    onError: (error) => pushToast({ id: 'listen-control', title: listenErrorMessage(error, t), tone: 'error' }),
  });
  const expected = useListenLive((s) => s.expectedMs);
  const durationS = (session.track?.durationMs ?? 0) / 1000;
  const atS = (expected ?? session.positionMs) / 1000;
  const [dragging, setDragging] = useState<number | null>(null);
  const seek = (seconds: number) => control.mutate({ id: session.id, action: 'seek', positionMs: Math.round(seconds * 1000) });
  const timeText = (current: string, total: string) => t('listen.position', { position: current, duration: total });
  const commit = () => {
    if (dragging !== null) seek(dragging);
    setDragging(null);
  };
  return (
    <div className="vw-listen-controls">
      <div className="vw-listen-controls__buttons">
        <Button
          type="button"
          disabled={!session.track}
          loading={control.isPending && control.variables.action !== 'seek'}
          onClick={() => control.mutate(session.playing ? { id: session.id, action: 'pause', positionMs: Math.round(atS * 1000) } : { id: session.id, action: 'play' })}
        >
          {session.playing ? t('player.pause') : t('player.play')}
        </Button>
        <Button type="button" variant="secondary" disabled={session.queue.length === 0} onClick={() => control.mutate({ id: session.id, action: 'next' })}>
          {t('player.next')}
        </Button>
      </div>
      {session.track && durationS > 0 && (
        session.track.waveform ? (
          <Waveform peaks={session.track.waveform} currentTime={atS} duration={durationS} onSeek={seek} label={t('player.seek')} valueText={timeText} />
        ) : (
          <input
            type="range"
            className="vz-range vw-listen-controls__seek"
            style={{ ['--vz-range-progress' as string]: `${((dragging ?? atS) / durationS) * 100}%` }}
            min={0}
            max={Math.floor(durationS)}
            step={1}
            value={Math.floor(dragging ?? atS)}
            aria-label={t('player.seek')}
            aria-valuetext={timeText(formatClock(dragging ?? atS), formatClock(durationS))}
            onChange={(e) => setDragging(Number(e.currentTarget.value))}
            onPointerUp={commit}
            onKeyUp={commit}
            onBlur={commit}
          />
        )
      )}
    </div>
  );
}

/** A listener's own pause: the session goes on; "Listen" puts them back where it is. */
function ListenerControls({ session }: { session: ListeningSessionDto }) {
  const { t } = useTranslation();
  const hold = useListenLive((s) => s.hold);
  const playing = usePlayer((s) => s.isPlaying);
  if (!session.track) return null;
  const listening = playing && !hold;
  return (
    <div className="vw-listen-controls">
      <div className="vw-listen-controls__buttons">
        {listening ? (
          <Button type="button" variant="secondary" onClick={() => useListenLive.getState().pause()}>{t('listen.hold')}</Button>
        ) : (
          <Button type="button" onClick={() => useListenLive.getState().resume()} disabled={!session.playing && !hold}>{t('listen.resume')}</Button>
        )}
      </div>
      {hold && <p className="vw-muted">{t('listen.holding')}</p>}
    </div>
  );
}

/** A listener sees the waveform move with the session; it is not a control for them (the position is in the text). */
function ListenerWave({ session, peaks, durationMs }: { session: ListeningSessionDto; peaks: number[]; durationMs: number }) {
  const expected = useListenLive((s) => s.expectedMs);
  return (
    <div className="vw-listen-now__wave" aria-hidden="true" inert>
      <Waveform peaks={peaks} currentTime={(expected ?? session.positionMs) / 1000} duration={durationMs / 1000} onSeek={() => undefined} label="" compact />
    </div>
  );
}

/** The session's track: cover, title, artist, where it is, and the controls the viewer has. */
export function NowPlaying({ session }: { session: ListeningSessionDto }) {
  const { t } = useTranslation();
  const track = session.track;
  return (
    <section className="vw-listen-now" aria-labelledby="listen-now-heading">
      <h2 id="listen-now-heading" className="vw-listen__section-title">{t('listen.nowPlaying')}</h2>
      {track ? (
        <div className="vw-listen-now__track">
          <div className="vw-listen-now__cover"><CoverArt seed={track.id} src={track.coverUrl} /></div>
          <div className="vw-listen-now__text">
            <p className="vw-listen-now__title"><Link to={trackHref(track.id)}>{track.title}</Link></p>
            <p className="vw-muted"><Link to={profileHref(track.owner.username)}>{displayNameOf(track.owner)}</Link></p>
            <SyncStatus session={session} />
          </div>
        </div>
      ) : (
        <p className="vw-muted">{t('listen.nothing')}</p>
      )}
      {session.isHost ? <HostControls session={session} /> : <ListenerControls session={session} />}
      {!session.isHost && track?.waveform && track.durationMs ? <ListenerWave session={session} peaks={track.waveform} durationMs={track.durationMs} /> : null}
    </section>
  );
}
