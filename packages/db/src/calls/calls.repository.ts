import { randomUUID } from 'node:crypto';
import type { Em } from '../orm.ts';
import { Call, LIVE_CALL_STATES, type CallEndReason, type CallState } from './call.entity.ts';

const POPULATE = ['caller', 'callee'] as const;

/** What `start` did: rang the callee, found them busy (a `busy` call is recorded), or refused (the caller is busy). */
export type StartOutcome =
  | { outcome: 'ringing' | 'busy'; call: Call; expired: string[] }
  | { outcome: 'caller_busy' | 'room_busy'; call: null; expired: string[] };

export const callsRepository = (em: Em) => {
  const byId = (id: string) => em.findOne(Call, { id }, { populate: POPULATE, refresh: true });
  const liveOf = (userId: string) =>
    em.findOne(Call, { $or: [{ caller: userId }, { callee: userId }], state: { $in: [...LIVE_CALL_STATES] } }, { populate: POPULATE, refresh: true });

  return {
    byId,
    /** The user's ringing or active call, if any (as caller or callee). */
    liveOf,
    /** Calls whose summaries are these messages. */
    byMessages: (messageIds: string[]) => em.find(Call, { message: { $in: messageIds } }, { refresh: true }),

    /**
     * Places a call from `callerId` to `calleeId` in a DM. Both users' rows are locked (in id order) for the
     * transaction, so concurrent starts involving either of them run one after the other and the busy check holds.
     * Ringing calls involving them placed before `staleBefore` are first marked missed (`timeout`): their timers
     * were lost with the instance that placed them. Their ids come back in `expired` (to post their summaries).
     */
    async start(data: { roomId: string; callerId: string; calleeId: string; now: Date; staleBefore: Date }): Promise<StartOutcome> {
      return em.transactional(async (tx) => {
        await tx.execute('select id from users where id in (?, ?) order by id for update', [data.callerId, data.calleeId]);
        const expiredRows = await tx.execute<{ id: string }[]>(
          `update calls set state = 'missed', end_reason = 'timeout', ended_at = ?
           where state = 'ringing' and started_at < ? and (caller_id in (?, ?) or callee_id in (?, ?)) returning id`,
          [data.now, data.staleBefore, data.callerId, data.calleeId, data.callerId, data.calleeId],
        );
        const expired = expiredRows.map((r) => r.id);
        const repo = callsRepository(tx);
        const mine = await repo.liveOf(data.callerId);
        if (mine) return { outcome: mine.room.id === data.roomId ? 'room_busy' : 'caller_busy', call: null, expired };
        const theirs = await repo.liveOf(data.calleeId);
        const busy = theirs !== null;
        const call = tx.create(Call, {
          id: randomUUID(),
          room: data.roomId,
          caller: data.callerId,
          callee: data.calleeId,
          state: busy ? 'busy' : 'ringing',
          startedAt: data.now,
          answeredAt: null,
          endedAt: busy ? data.now : null,
          endReason: busy ? 'busy' : null,
          message: null,
        });
        await tx.flush();
        await tx.populate(call, POPULATE);
        return { outcome: busy ? 'busy' : 'ringing', call, expired };
      });
    },

    /**
     * Moves a call from one of `from` to `to` (a conditional update: of two racing changes, one wins); the call as
     * it stands after, or null when it was no longer in one of `from` (`startedBefore`: only if placed before then).
     */
    async transition(
      id: string,
      from: readonly CallState[],
      to: CallState,
      fields: { answeredAt?: Date; endedAt?: Date; endReason?: CallEndReason; startedBefore?: Date } = {},
    ): Promise<Call | null> {
      const where = fields.startedBefore ? { id, state: { $in: [...from] }, startedAt: { $lt: fields.startedBefore } } : { id, state: { $in: [...from] } };
      const changes: Partial<Pick<Call, 'state' | 'answeredAt' | 'endedAt' | 'endReason'>> = { state: to };
      if (fields.answeredAt) changes.answeredAt = fields.answeredAt;
      if (fields.endedAt) changes.endedAt = fields.endedAt;
      if (fields.endReason) changes.endReason = fields.endReason;
      const changed = await em.nativeUpdate(Call, where, changes);
      return changed > 0 ? byId(id) : null;
    },

    /** Links a call to its summary message (once). */
    setMessage: (id: string, messageId: string) => em.nativeUpdate(Call, { id, message: null }, { message: messageId }),
  };
};
