import { callIdInput, callSignalInput, hangupCallInput, startCallInput } from '@veza/validators';
import { authedProcedure, router } from '../trpc.ts';
import * as calls from './calls.service.ts';

export const callsRouter = router({
  /**
   * ICE servers for RTCPeerConnection: `{ iceServers: [{ urls, username?, credential? }], ttlSeconds, iceTransportPolicy }`.
   * TURN credentials are minted for the signed-in user and expire after `ttlSeconds`; `iceServers` is empty when no
   * TURN/STUN is configured (calls then connect only on the same network). `iceTransportPolicy` is `relay` when the
   * server forces every call through TURN (TURN_RELAY_ONLY=1).
   */
  iceServers: authedProcedure.query(({ ctx }) => calls.iceServers(ctx, ctx.viewer)),
  /** Calls the other person of a DM (a member of it): `ringing`, or `busy` when they are in another call. Rate limited (6 a minute). */
  start: authedProcedure.input(startCallInput).mutation(({ ctx, input }) => calls.start(ctx, ctx.viewer, input.roomId)),
  /** The callee answers a ringing call. */
  accept: authedProcedure.input(callIdInput).mutation(({ ctx, input }) => calls.accept(ctx, ctx.viewer, input.callId)),
  /** The callee declines a ringing call. */
  reject: authedProcedure.input(callIdInput).mutation(({ ctx, input }) => calls.reject(ctx, ctx.viewer, input.callId)),
  /** Either party ends the call (the caller cancelling a ringing call makes it missed). */
  hangup: authedProcedure.input(hangupCallInput).mutation(({ ctx, input }) => calls.hangup(ctx, ctx.viewer, input)),
  /** Relays an SDP offer/answer or an ICE candidate to the other party of an active call. Rate limited (burst of 50, then 10/s). */
  signal: authedProcedure.input(callSignalInput).mutation(({ ctx, input }) => calls.signal(ctx, ctx.viewer, input)),
  /** The viewer's live call signals (incoming ring, accepted, rejected, busy, ended, description, candidate). */
  onSignal: authedProcedure.subscription(async function* ({ ctx, signal }) {
    yield* calls.signals(ctx, ctx.viewer, signal);
  }),
});
