import type { Context, Viewer } from '../context.ts';
import { mintIceServers, type IceServers } from './turn.ts';

/** STUN/TURN servers for the viewer's calls, with TURN credentials of their own that expire after `ttlSeconds`. */
export function iceServers(ctx: Context, viewer: Viewer): IceServers {
  return mintIceServers(ctx.deps.turn, viewer.id);
}
