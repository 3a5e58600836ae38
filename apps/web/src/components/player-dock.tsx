import { CoverArt, formatClock, PlayerBar, ProgressBar, QualityMenu, Waveform } from '@veza/ui';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PlayerSettingsMenu } from '../features/player/player-settings-menu.tsx';
import { usePlayerUi } from '../features/player/player-ui.ts';
import { QueuePopover } from '../features/player/queue-popover.tsx';
import { ShortcutsDialog } from '../features/player/shortcuts-dialog.tsx';
import { useCurrentTrackDetail } from '../features/player/use-current-track-detail.ts';
import { LikeControl } from '../features/tracks/like-control.tsx';
import { usePlayerSettings } from '../stores/player-settings.ts';
import { usePlayer } from '../stores/player.ts';
import { nextIndex, nextRepeat, setShuffle, useQueue, type RepeatMode } from '../stores/queue.ts';
import './player-dock.css';

const repeatKey = { off: 'player.repeatOff', all: 'player.repeatAll', one: 'player.repeatOne' } as const satisfies Record<RepeatMode, string>;

/** The PlayerBar at the bottom of the shell, shown once a track has been loaded. */
export function PlayerDock() {
  const { t } = useTranslation();
  const queueId = useId();
  const track = usePlayer((s) => s.track);
  const isPlaying = usePlayer((s) => s.isPlaying);
  const currentTime = usePlayer((s) => s.currentTime);
  const duration = usePlayer((s) => s.duration);
  const buffering = usePlayer((s) => s.buffering);
  const levels = usePlayer((s) => s.levels);
  const currentKbps = usePlayer((s) => s.currentKbps);
  // In a listening session (features/listen) the session has the transport: no local queue, shuffle or repeat, and
  // a listener sees the position without a slider or skip buttons.
  const remote = usePlayer((s) => s.remote);
  const seekable = remote?.seekable ?? true;
  const { toggle, seek, next, previous } = usePlayer.getState();
  const shuffle = useQueue((s) => s.shuffle);
  const repeat = useQueue((s) => s.repeat);
  const hasNext = useQueue((s) => nextIndex(s, false) !== null);
  const settings = usePlayerSettings();
  const queueOpen = usePlayerUi((s) => s.queueOpen);
  const setQueueOpen = usePlayerUi((s) => s.setQueueOpen);

  const fresh = useCurrentTrackDetail();

  if (!track) return null;
  const timeText = (current: string, total: string) => t('player.timeText', { current, total });
  const peaks = fresh?.waveform ?? null;

  return (
    <div className="vw-player-dock">
      <QueuePopover id={queueId} />
      <PlayerBar
        title={track.title}
        artistName={track.artistName}
        trackHref={`/tracks/${track.id}`}
        artistHref={`/u/${track.username}`}
        LinkComponent={Link}
        art={<CoverArt seed={track.id} src={fresh?.coverUrl ?? track.coverUrl} />}
        // The track's detail query is the track page's: liking here or there shows on both.
        trackActions={fresh ? <LikeControl track={fresh} size="sm" /> : undefined}
        isPlaying={isPlaying}
        currentTime={currentTime}
        duration={duration}
        buffering={buffering && isPlaying}
        onPlayPause={() => toggle()}
        onSeek={seek}
        seekBar={
          !seekable ? (
            <ProgressBar
              className="vw-player-dock__progress"
              label={t('player.seek')}
              value={duration > 0 ? currentTime / duration : 0}
              valueText={timeText(formatClock(currentTime), formatClock(duration))}
            />
          ) : peaks ? (
            <Waveform compact peaks={peaks} bars={120} currentTime={currentTime} duration={duration} onSeek={seek} label={t('player.seek')} valueText={timeText} />
          ) : undefined
        }
        {...(seekable ? { onPrevious: previous, onNext: next } : {})}
        hasNext={remote ? true : hasNext}
        shuffle={shuffle}
        {...(remote
          ? {}
          : {
              onShuffleChange: (on: boolean) => useQueue.getState().update((q) => setShuffle(q, on)),
              onRepeatClick: () => useQueue.getState().update((q) => ({ ...q, repeat: nextRepeat(q.repeat) })),
            })}
        repeat={repeat}
        volume={settings.volume}
        muted={settings.muted}
        onVolumeChange={settings.setVolume}
        onMutedChange={settings.setMuted}
        queueOpen={queueOpen}
        queuePanelId={queueId}
        {...(remote ? {} : { onQueueToggle: () => setQueueOpen(!queueOpen) })}
        extra={
          <>
            <QualityMenu
              levels={levels}
              value={settings.quality}
              currentKbps={currentKbps}
              onChange={settings.setQuality}
              labels={{
                quality: t('player.quality'),
                auto: (kbps) => (kbps ? t('player.autoLevel', { kbps }) : t('player.auto')),
                kbps: (kbps) => t('player.kbps', { kbps }),
                original: t('player.original'),
              }}
            />
            <PlayerSettingsMenu />
          </>
        }
        labels={{
          play: t('player.play'),
          pause: t('player.pause'),
          seek: t('player.seek'),
          player: t('player.player'),
          loading: t('player.loading'),
          timeText,
          previous: t('player.previous'),
          next: t('player.next'),
          shuffle: t('player.shuffle'),
          repeat: (mode) => t(repeatKey[mode]),
          volume: t('player.volume'),
          mute: t('player.mute'),
          unmute: t('player.unmute'),
          queue: t('player.queue'),
        }}
      />
      <ShortcutsDialog />
    </div>
  );
}
