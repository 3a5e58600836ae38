import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useNavigate } from 'react-router';
import { maybeSignedIn } from '../../lib/session-hint.ts';
import { trpc } from '../../trpc.ts';
import { usePlayer } from '../../stores/player.ts';
import { useSession } from '../../stores/session.ts';
import { useToasts } from '../../stores/toasts.ts';

/** Asks `auth.me` who is signed in, once, when the app starts; without the session flag, nobody is (no request). */
export function useSessionBootstrap() {
  const utils = trpc.useUtils();
  const status = useSession((s) => s.status);

  useEffect(() => {
    if (status !== 'unknown') return;
    if (!maybeSignedIn()) {
      useSession.getState().signOut();
      return;
    }
    let cancelled = false;
    utils.auth.me
      .fetch(undefined, { staleTime: 0 })
      .then((user) => {
        if (!cancelled) useSession.getState().signIn(user);
      })
      .catch(() => {
        if (!cancelled) useSession.getState().signOut();
      });
    return () => {
      cancelled = true;
    };
  }, [status, utils]);
}

/** What happens around signing in and out: load the user, refresh per-user data, reset the stores. */
export function useSessionActions() {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = trpc.auth.logout.useMutation();

  /** After a successful login or sign-up: the cookies are set, fetch the user. */
  const completeSignIn = useCallback(async () => {
    const user = await utils.auth.me.fetch(undefined, { staleTime: 0 });
    useSession.getState().signIn(user);
    // likedByMe and private tracks depend on who is asking.
    void queryClient.invalidateQueries();
    return user;
  }, [utils, queryClient]);

  const signOut = useCallback(async () => {
    try {
      await logout.mutateAsync();
    } catch {
      // The session is gone either way for this tab; the server clears it on its side when it can.
    }
    useSession.getState().signOut();
    usePlayer.getState().stop();
    useToasts.getState().clear();
    queryClient.removeQueries();
    void navigate('/');
  }, [logout, queryClient, navigate]);

  return { completeSignIn, signOut, signingOut: logout.isPending };
}
