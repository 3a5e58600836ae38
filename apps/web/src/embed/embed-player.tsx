import type { EmbedTrackDto } from '@veza/api';
import { CoverArt, formatDuration, LoadingState, Waveform } from '@veza/ui';
import { useEffect, useRef, useState } from 'react';
import type { EmbedLoad } from './embed-api.ts';
import type { EmbedT } from './embed-text.ts';

type HlsInstance = { loadSource(url: string): void; attachMedia(el: HTMLMediaElement): void; destroy(): void; on(event: string, cb: (e: unknown, data: { fatal?: boolean }) => void): void };
const loadHls = () => import('hls.js/light').then((m) => m.default);

/**
 * Points an <audio> at the track: the HLS stream when there is one (natively, or through hls.js where Media Source
 * Extensions are needed), the original file otherwise or when the stream fails. Returns what to destroy later.
 */
async function attachSource(el: HTMLAudioElement, track: EmbedTrackDto): Promise<HlsInstance | null> {
  const stream = track.hls?.masterUrl;
  if (stream && el.canPlayType('application/vnd.apple.mpegurl')) {
    el.src = stream;
    return null;
  }
  if (stream && typeof window.MediaSource !== 'undefined') {
    try {
      const Hls = await loadHls();
      if (Hls.isSupported()) {
        const instance = new Hls() as unknown as HlsInstance;
        instance.on('hlsError', (_event, data) => {
          if (!data.fatal) return;
          instance.destroy();
          el.src = track.audioUrl;
        });
        instance.loadSource(stream);
        instance.attachMedia(el);
        return instance;
      }
    } catch {
      // The original file below.
    }
  }
  el.src = track.audioUrl;
  return null;
}

function PlayIcon({ playing }: { playing: boolean }) {
  return playing ? (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false"><path fill="currentColor" d="M7 5h4v14H7zM13 5h4v14h-4z" /></svg>
  ) : (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false"><path fill="currentColor" d="M8 5v14l11-7z" /></svg>
  );
}

/** The player: cover, title and artist (linking back to Veza), Play, the waveform to seek, "Listen on Veza". */
export function EmbedTrack({ track, t }: { track: EmbedTrackDto; t: EmbedT }) {
  const audioRef = useRef<HTMLAudioElement>(null);
  const hls = useRef<HlsInstance | null>(null);
  const attached = useRef(false);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState((track.durationMs ?? 0) / 1000);
  const [failed, setFailed] = useState(false);
  useEffect(() => () => hls.current?.destroy(), []);

  /** Attaches the source on the first play (nothing is fetched before), then plays, from `at` seconds when given. */
  const play = async (at?: number) => {
    const el = audioRef.current;
    if (!el) return;
    if (!attached.current) {
      attached.current = true;
      hls.current = await attachSource(el, track);
    }
    if (at !== undefined) el.currentTime = at;
    try {
      await el.play();
      setFailed(false);
    } catch (error) {
      if ((error as { name?: string }).name !== 'AbortError') setFailed(true);
    }
  };
  const toggle = () => (playing ? audioRef.current?.pause() : void play());
  const seek = (seconds: number) => {
    setTime(seconds);
    void play(seconds);
  };
  const label = playing ? t('embed.pause', { title: track.title }) : t('embed.play', { title: track.title });

  return (
    <article className="vx-embed">
      <CoverArt className="vx-embed__cover" seed={track.id} src={track.coverUrl} alt="" />
      <div className="vx-embed__body">
        <div className="vx-embed__head">
          <button type="button" className="vx-embed__play" onClick={toggle} aria-label={label} title={label}>
            <PlayIcon playing={playing} />
          </button>
          <div className="vx-embed__titles">
            <a className="vx-embed__title" href={track.pageUrl} target="_blank" rel="noopener">{track.title}</a>
            <span className="vx-embed__artist">{t('embed.by', { name: track.artistName })}</span>
          </div>
          <a className="vx-embed__brand" href={track.pageUrl} target="_blank" rel="noopener">{t('embed.listen')}</a>
        </div>
        <div className="vx-embed__wave">
          <Waveform
            className="vx-embed__waveform"
            peaks={track.waveform}
            currentTime={time}
            duration={duration}
            onSeek={seek}
            bars={120}
            label={t('embed.seek')}
            valueText={(current, total) => t('embed.time', { current, total })}
          />
          <span className="vx-embed__duration" aria-hidden="true">{formatDuration(track.durationMs)}</span>
        </div>
        {failed && <p role="alert" className="vx-embed__problem">{t('embed.playError')}</p>}
      </div>
      <audio
        ref={audioRef}
        preload="none"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onDurationChange={(e) => {
          const d = e.currentTarget.duration;
          if (Number.isFinite(d) && d > 0) setDuration(d);
        }}
        onError={() => setFailed(true)}
      />
    </article>
  );
}

/** The embed page's states: loading, the player, a track that is not (or no longer) available, an error with a retry. */
export function EmbedPlayer({ load, t, onRetry }: { load: EmbedLoad | null; t: EmbedT; onRetry: () => void }) {
  if (!load) return <div className="vx-embed vx-embed--message"><LoadingState label={t('embed.loading')} /></div>;
  if (load.kind === 'ready') return <EmbedTrack track={load.track} t={t} />;
  if (load.kind === 'unavailable') {
    return (
      <div className="vx-embed vx-embed--message" role="status">
        <p className="vx-embed__message">{t('embed.unavailable')}</p>
        <p className="vx-embed__hint">{t('embed.unavailableHint')}</p>
      </div>
    );
  }
  return (
    <div className="vx-embed vx-embed--message" role="alert">
      <p className="vx-embed__message">{t('embed.error')}</p>
      <button type="button" className="vz-button vz-button--secondary vz-button--sm" onClick={onRetry}>{t('embed.retry')}</button>
    </div>
  );
}
