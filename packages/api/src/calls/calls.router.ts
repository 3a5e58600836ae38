import { authedProcedure, router } from '../trpc.ts';
import * as calls from './calls.service.ts';

export const callsRouter = router({
  /**
   * ICE servers for RTCPeerConnection: `{ iceServers: [{ urls, username?, credential? }], ttlSeconds }`. TURN
   * credentials are minted for the signed-in user and expire after `ttlSeconds`; `iceServers` is empty when no
   * TURN/STUN is configured (calls then connect only on the same network).
   */
  iceServers: authedProcedure.query(({ ctx }) => calls.iceServers(ctx, ctx.viewer)),
});
