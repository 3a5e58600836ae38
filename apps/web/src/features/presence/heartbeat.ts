import { useEffect } from 'react';
import { usePlayer } from '../../stores/player.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';

/** How often the app tells the server it is open (the server's PRESENCE_HEARTBEAT_MS). */
export const APP_HEARTBEAT_MS = 30_000;
/** No keyboard, pointer or touch input for this long (or a hidden tab) counts as idle: shown as away. */
export const IDLE_AFTER_MS = 5 * 60_000;

const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** Whether the person is idle now, given when they last did something. */
export function isIdle(lastInputAt: number, now: number, hidden: boolean): boolean {
  return hidden || now - lastInputAt >= IDLE_AFTER_MS;
}

/**
 * The app-wide presence heartbeat, while signed in: now, every 30 s, and as soon as the person comes back from idle
 * or the track changes, with the track playing (the server shows it only for public tracks and when sharing is on).
 */
export function useAppPresenceHeartbeat() {
  const signedIn = useSession((s) => s.status === 'signed-in');
  const { mutate } = trpc.presence.heartbeat.useMutation();
  useEffect(() => {
    if (!signedIn) return;
    let lastInputAt = Date.now();
    let wasIdle = false;
    let lastTrack: string | null = null;
    const beat = () => {
      const state = usePlayer.getState();
      const track = state.track && state.isPlaying ? state.track.id : null;
      wasIdle = isIdle(lastInputAt, Date.now(), document.visibilityState === 'hidden');
      lastTrack = track;
      mutate({ listeningTo: track, idle: wasIdle }, { onError: () => undefined });
    };
    const onInput = () => {
      lastInputAt = Date.now();
      if (wasIdle) beat();
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') onInput();
    };
    beat();
    const timer = setInterval(beat, APP_HEARTBEAT_MS);
    for (const name of INPUT_EVENTS) window.addEventListener(name, onInput, { passive: true });
    document.addEventListener('visibilitychange', onVisible);
    const unsubscribe = usePlayer.subscribe((s) => {
      const track = s.track && s.isPlaying ? s.track.id : null;
      if (track !== lastTrack) beat();
    });
    return () => {
      clearInterval(timer);
      for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput);
      document.removeEventListener('visibilitychange', onVisible);
      unsubscribe();
    };
  }, [signedIn, mutate]);
}

/** The heartbeat as a component, for the app layout to load it apart from the first load (renders nothing). */
export function AppPresenceHeartbeat() {
  useAppPresenceHeartbeat();
  return null;
}
