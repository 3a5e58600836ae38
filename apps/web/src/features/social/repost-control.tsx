import { useQueryClient } from '@tanstack/react-query';
import type { RepostStateDto, TrackDto } from '@veza/api';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { localeOf } from '../../i18n.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { loginHref } from '../session/require-auth.tsx';
import { patchTrack } from '../tracks/track-cache.ts';
import { canRepost, repostRefusal } from './repost-model.ts';

/** The caption dialog comes in a chunk of its own, when first opened. */
const RepostDialog = lazy(() => import('./repost-dialog.tsx').then((m) => ({ default: m.RepostDialog })));

/** Two arrows turning round: the repost icon (decorative). */
export function RepostIcon({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" className={className}>
      <path d="M17 2l3 3-3 3" /><path d="M4 11V9a4 4 0 0 1 4-4h12" /><path d="M7 22l-3-3 3-3" /><path d="M20 13v2a4 4 0 0 1-4 4H4" />
    </svg>
  );
}

function CaptionIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12Z" /><path d="M8.5 10.5h7M8.5 14h4.5" />
    </svg>
  );
}

interface Snapshot {
  previous: Pick<TrackDto, 'repostedByMe' | 'repostCount'>;
}

/**
 * Repost / unrepost with an optimistic update of every cached copy of the track (its page and the lists): the button
 * and count change at once, the server's answer then sets the real count, and a refusal puts the previous state back
 * with a toast saying why.
 */
export function useToggleRepost(track: TrackDto) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const me = useSession((s) => s.user?.username);
  const id = track.id;

  const settle = (result: RepostStateDto) => {
    patchTrack(queryClient, id, { repostedByMe: result.repostedByMe, repostCount: result.repostCount });
    // My reposts tab changes with it.
    if (me) void utils.social.reposts.invalidate({ username: me });
  };
  const options = (reposted: boolean) => ({
    onMutate: async (): Promise<Snapshot> => {
      await utils.tracks.byId.cancel({ id });
      const previous = { repostedByMe: track.repostedByMe, repostCount: track.repostCount };
      if (previous.repostedByMe !== reposted) patchTrack(queryClient, id, { repostedByMe: reposted, repostCount: Math.max(0, previous.repostCount + (reposted ? 1 : -1)) });
      return { previous };
    },
    onError: (error: unknown, _input: unknown, snapshot: Snapshot | undefined) => {
      if (snapshot) patchTrack(queryClient, id, snapshot.previous);
      pushToast({ id: `repost-error-${id}`, title: repostRefusal(error, t, i18n.resolvedLanguage), tone: 'error' });
    },
    onSuccess: settle,
  });
  const repost = trpc.social.repost.useMutation(options(true));
  const unrepost = trpc.social.unrepost.useMutation(options(false));
  const pending = repost.isPending || unrepost.isPending;
  return {
    toggle: () => {
      // Keep the button focusable while a request is in flight; ignore clicks until it settles.
      if (pending) return;
      if (track.repostedByMe) unrepost.mutate({ trackId: id });
      else repost.mutate({ trackId: id });
    },
    settle,
    pending,
  };
}

export interface RepostControlProps {
  track: TrackDto;
  size?: 'sm' | 'md';
  className?: string;
}

/**
 * Repost beside Like: a toggle (`aria-pressed`) with the repost count, and "Repost with a caption", a dialog with a
 * 280-character caption. Hidden on one's own tracks and on tracks that are not public (they cannot be reposted), and
 * while the session is unknown; signed-out visitors are sent to sign in first.
 */
export function RepostControl({ track, size = 'md', className }: RepostControlProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const status = useSession((s) => s.status);
  const me = useSession((s) => s.user?.username);
  const { toggle, settle, pending } = useToggleRepost(track);
  const [dialogOpen, setDialogOpen] = useState(false);
  // Mounted from its first opening on (closing it then returns the focus to the button).
  const [dialogUsed, setDialogUsed] = useState(false);
  // My caption as the dialog last saved it (a track carries none): the dialog starts from it.
  const [caption, setCaption] = useState<string | null>(null);

  if (status === 'unknown' || !canRepost(track, me)) return null;
  const signedIn = status === 'signed-in';
  const toLogin = () => void navigate(loginHref(`${location.pathname}${location.search}`));
  const reposted = track.repostedByMe;
  const count = new Intl.NumberFormat(localeOf(i18n.resolvedLanguage ?? 'en'), { notation: 'compact' }).format(track.repostCount);
  const captionLabel = reposted ? t('repost.editCaption') : t('repost.withCaption');
  const classes = ['vw-repost', `vw-repost--${size}`, className].filter(Boolean).join(' ');

  return (
    <span className={classes}>
      <button
        type="button"
        className={`vz-like vz-like--${size} vw-repost__toggle${reposted ? ' vz-like--on' : ''}`}
        aria-pressed={reposted}
        aria-busy={pending || undefined}
        title={reposted ? t('repost.undo') : t('repost.label')}
        onClick={signedIn ? toggle : toLogin}
      >
        <RepostIcon className="vz-like__icon" />
        <span className="vz-sr-only">{t('repost.label')}</span>{' '}
        <span className="vz-like__count">{count}</span>
      </button>
      <button
        type="button"
        className={`vz-like vz-like--${size} vw-repost__caption`}
        aria-label={captionLabel}
        title={captionLabel}
        aria-haspopup="dialog"
        onClick={
          signedIn
            ? () => {
                setDialogUsed(true);
                setDialogOpen(true);
              }
            : toLogin
        }
      >
        <CaptionIcon />
      </button>
      {dialogUsed && (
        <Suspense fallback={null}>
          <RepostDialog
            open={dialogOpen}
            track={track}
            initialCaption={reposted ? caption : null}
            onClose={() => setDialogOpen(false)}
            onReposted={(result) => {
              settle(result);
              setCaption(result.caption);
              setDialogOpen(false);
              pushToast({ id: `reposted-${track.id}`, title: t('repost.done'), tone: 'success' });
            }}
          />
        </Suspense>
      )}
    </span>
  );
}
