import type { ListeningSessionDto } from '@veza/api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isUnauthorized } from '../../lib/errors.ts';
import { refreshSession } from '../../lib/session-refresh.ts';
import { useListenSession } from '../../stores/listen.ts';
import { usePlayer, type PlayerRemote, type PlayerTrack } from '../../stores/player.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { displayNameOf } from '../tracks/track-model.ts';
import { resetListenLive, useListenLive } from './listen-live.ts';
import { listenErrorMessage, toSyncSession } from './listen-model.ts';
import { storePlayer } from './player-bridge.ts';
import { atTrackEnd, measureOffset, SessionSync } from './sync.ts';

/** How often the drift is checked and the screen's position refreshed. */
export const TICK_MS = 500;
/** How often the clock offset is measured again (clocks drift, networks change). */
export const CLOCK_EVERY_MS = 5 * 60_000;

type Listener = (session: ListeningSessionDto) => void;
const fed = new Set<Listener>();

/**
 * Mock mode (stories, tests, dev:mock): msw-trpc answers no subscriptions, so MockListenFeed passes the mock back end's
 * changes in here, and they reach the session as `listen.onSession` would.
 */
export function feedListenSession(session: ListeningSessionDto) {
  for (const listener of fed) listener(session);
}

/** Mounted by the shell while this tab is in a session (stores/listen.ts): follows it across every screen. */
export function ListenLayer() {
  const id = useListenSession((s) => s.activeId);
  return id ? <ListenDriver key={id} id={id} /> : null;
}

/**
 * Runs a listening session on the persistent player: keeps the session's state fresh (listen.onSession into the
 * `listen.byId` cache), measures the clock offset (listen.time), drives the player with SessionSync, and hands the
 * player's transport to the session (PlayerRemote): the host's play / pause / seek / next become `listen.control`,
 * a listener's pause is their own. Announces a hand-over and the end. Unmounted (left, ended): the player is paused
 * and its own controls come back.
 */
export function ListenDriver({ id }: { id: string }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const session = trpc.listen.byId.useQuery({ id }, { staleTime: 30_000 });
  const data = session.data;
  const live = data?.joined === true && !data.ended;
  const [sync] = useState(() => new SessionSync<PlayerTrack>(storePlayer));
  /** The session as shown now (for callbacks that outlive a render). */
  const latest = useCallback(() => utils.listen.byId.getData({ id }), [utils, id]);

  /** A newer state of the session (a subscription event, a mutation's answer) goes into the cache. */
  const apply = useRef((next: ListeningSessionDto) => {
    const shown = utils.listen.byId.getData({ id: next.id });
    if (shown && next.version < shown.version) return;
    utils.listen.byId.setData({ id: next.id }, next);
  });

  useEffect(() => {
    resetListenLive();
    const listener: Listener = (s) => {
      if (s.id === id) apply.current(s);
    };
    fed.add(listener);
    return () => {
      fed.delete(listener);
      usePlayer.getState().setRemote(null);
      if (usePlayer.getState().isPlaying) storePlayer.pause();
      resetListenLive();
    };
  }, [id]);

  const subscription = trpc.listen.onSession.useSubscription(
    { id },
    {
      enabled: live,
      onData: ({ data: next }) => apply.current(next),
      onError: (error) => {
        // The socket was opened with an expired access cookie: refresh, then subscribe again.
        if (isUnauthorized(error)) {
          void refreshSession().then((ok) => {
            if (ok) subscription.reset();
          });
          return;
        }
        // Refused (no longer a member, or it ended meanwhile): read the session again to show why.
        void utils.listen.byId.invalidate({ id });
      },
    },
  );

  // The clock offset: the best of a few round trips, now and every few minutes.
  useEffect(() => {
    let cancelled = false;
    const measure = () =>
      measureOffset(async () => (await utils.client.listen.time.query()).serverNow)
        .then((est) => {
          if (cancelled || !est) return;
          sync.setOffset(est.offsetMs);
          useListenLive.setState({ offsetMs: est.offsetMs });
        })
        .catch(() => undefined);
    void measure();
    const timer = setInterval(() => void measure(), CLOCK_EVERY_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [utils, sync]);

  // Every new state: the player follows; a hand-over or the end is announced; a session left or over lets go.
  const shownHost = useRef<string | null>(null);
  useEffect(() => {
    if (!data) return;
    if (shownHost.current && shownHost.current !== data.host.id && !data.ended) {
      const notice = data.isHost ? t('listen.nowHostMe') : t('listen.nowHost', { name: displayNameOf(data.host) });
      useListenLive.setState({ notice });
      pushToast({ id: `listen-host-${id}`, title: notice, tone: 'info' });
    }
    shownHost.current = data.host.id;
    if (data.ended || !data.joined) {
      if (data.ended) {
        useListenLive.setState({ notice: t('listen.endedNotice') });
        pushToast({ id: `listen-ended-${id}`, title: t('listen.endedNotice'), tone: 'info' });
      }
      useListenSession.getState().exit();
      return;
    }
    sync.update(toSyncSession(data));
  }, [data, id, t, sync]);

  // A listener's own pause, and "Listen" after the browser refused to start the audio.
  const hold = useListenLive((s) => s.hold);
  const nudge = useListenLive((s) => s.nudge);
  const primed = useRef(false);
  useEffect(() => {
    if (!primed.current) {
      primed.current = true;
      return;
    }
    sync.setHold(hold);
  }, [hold, nudge, sync]);

  // The player's transport goes to the session.
  const isHost = data?.isHost ?? false;
  useEffect(() => {
    if (!live) return;
    const control = (input: Parameters<typeof utils.client.listen.control.mutate>[0]) =>
      utils.client.listen.control.mutate(input).then(apply.current, (error: unknown) => pushToast({ id: 'listen-control', title: listenErrorMessage(error, t), tone: 'error' }));
    const refuse = () => pushToast({ id: 'listen-host-only', title: t('listen.hostOnly'), tone: 'info' });
    const current = () => latest()?.track?.id ?? null;
    const remote: PlayerRemote = isHost
      ? {
          seekable: true,
          play: (track, startAt) =>
            void (track.id === current()
              ? control({ id, action: 'play', ...(startAt !== undefined ? { positionMs: Math.round(startAt * 1000) } : {}) })
              : control({ id, action: 'playTrack', trackId: track.id })),
          pause: () => {
            const at = sync.expected();
            void control({ id, action: 'pause', ...(at != null ? { positionMs: Math.round(at) } : {}) });
          },
          seek: (seconds) => void control({ id, action: 'seek', positionMs: Math.round(seconds * 1000) }),
          next: () => void control({ id, action: 'next' }),
          previous: () => void control({ id, action: 'seek', positionMs: 0 }),
        }
      : {
          seekable: false,
          play: (track) => (track.id === current() ? useListenLive.getState().resume() : refuse()),
          pause: () => useListenLive.getState().pause(),
          seek: refuse,
          next: refuse,
          previous: refuse,
        };
    usePlayer.getState().setRemote(remote);
  }, [live, isHost, id, t, utils, sync, latest]);

  // Drift, the screen's position, and (host) moving on when the track has played out.
  const movedOn = useRef<number | null>(null);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      const s = sync;
      s.tick();
      const expected = s.expected();
      useListenLive.setState({ expectedMs: expected, positionMs: Math.round(storePlayer.read().seconds * 1000) });
      const d = latest();
      if (!d?.isHost || !d.track || expected === null || movedOn.current === d.version) return;
      if (atTrackEnd({ ...d, durationMs: d.track.durationMs }, expected)) {
        movedOn.current = d.version;
        const input = d.queue.length > 0 ? ({ id, action: 'next' } as const) : ({ id, action: 'pause', positionMs: d.track.durationMs ?? Math.round(expected) } as const);
        utils.client.listen.control.mutate(input).then(apply.current, () => undefined);
      }
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [live, id, utils, sync, latest]);

  return null;
}
