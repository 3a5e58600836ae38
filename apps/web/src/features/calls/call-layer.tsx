import i18next from 'i18next';
import { useEffect, useMemo, useRef } from 'react';
import { isUnauthorized } from '../../lib/errors.ts';
import { refreshSession } from '../../lib/session-refresh.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { createCallController, type CallsApi } from './call-controller.ts';
import { useCall } from './call-store.ts';
import { CallBar, IncomingCallDialog } from './call-views.tsx';
import './calls.css';

/** The other person's voice. */
function RemoteAudio({ stream }: { stream: MediaStream | null }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    audio.srcObject = stream;
    if (stream) void audio.play().catch(() => undefined);
  }, [stream]);
  return <audio ref={ref} autoPlay hidden />;
}

/**
 * Calls for the signed-in user, mounted once in the app layout: listens to calls.onSignal, rings, shows the
 * incoming-call dialog and the call bar, and plays the other person's audio. <CallButton /> places calls through it.
 */
export function CallLayer() {
  const signedIn = useSession((s) => s.status === 'signed-in');
  const utils = trpc.useUtils();
  const controller = useMemo(() => {
    const client = utils.client;
    const api: CallsApi = {
      iceServers: () => client.calls.iceServers.query(),
      start: (roomId) => client.calls.start.mutate({ roomId }),
      accept: (callId) => client.calls.accept.mutate({ callId }),
      reject: (callId) => client.calls.reject.mutate({ callId }),
      hangup: (callId, reason) => client.calls.hangup.mutate({ callId, reason }),
      signal: ({ callId, description, candidate }) =>
        client.calls.signal.mutate({
          callId,
          description,
          candidate: candidate && {
            candidate: candidate.candidate ?? '',
            sdpMid: candidate.sdpMid ?? null,
            sdpMLineIndex: candidate.sdpMLineIndex ?? null,
            usernameFragment: candidate.usernameFragment ?? null,
          },
        }),
    };
    return createCallController({
      api,
      viewerId: () => useSession.getState().user?.id ?? null,
      toast: pushToast,
      // The current language at the time of the toast (toasts are shown once, not re-rendered).
      t: (key, params) => (params ? i18next.t(key, params) : i18next.t(key)),
    });
  }, [utils]);

  useEffect(() => {
    useCall.getState().setActions(controller.actions);
    return () => {
      controller.dispose();
      useCall.getState().setActions(null);
    };
  }, [controller]);

  useEffect(() => {
    if (!signedIn) controller.dispose();
  }, [signedIn, controller]);

  const subscription = trpc.calls.onSignal.useSubscription(undefined, {
    enabled: signedIn,
    onData: (event) => void controller.onSignal(event),
    onError: (error) => {
      if (isUnauthorized(error)) {
        void refreshSession().then((ok) => {
          if (ok) subscription.reset();
        });
      }
    },
  });

  const phase = useCall((s) => s.phase);
  const call = useCall((s) => s.call);
  const pending = useCall((s) => s.pending);
  const muted = useCall((s) => s.muted);
  const connection = useCall((s) => s.connection);
  const quality = useCall((s) => s.quality);
  const remoteStream = useCall((s) => s.remoteStream);
  const name = call ? (call.peer.displayName ?? call.peer.username) : '';

  return (
    <>
      <IncomingCallDialog
        open={phase === 'incoming'}
        name={name}
        pending={pending}
        onAccept={() => void controller.actions.accept()}
        onDecline={() => void controller.actions.decline()}
      />
      {(phase === 'outgoing' || phase === 'active') && call && (
        <div className="vw-call-layer">
          <CallBar
            phase={phase}
            name={name}
            muted={muted}
            connection={connection}
            quality={quality}
            answeredAt={call.answeredAt}
            onToggleMute={() => controller.actions.setMuted(!muted)}
            onHangup={() => void controller.actions.hangup()}
          />
        </div>
      )}
      <RemoteAudio stream={remoteStream} />
    </>
  );
}
