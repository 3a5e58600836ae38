// The `call` field of call summary messages (kind `call`), added to message DTOs in one query per page
// (registered in chat/message-extras.ts). Imports nothing from the chat services, so the registry can load it.
import { callsRepository, type Em } from '@veza/db';
import type { MessageDto } from '../chat/chat.dto.ts';
import { callDuration } from './calls.dto.ts';

export async function addCallSummaries(em: Em, messages: MessageDto[]): Promise<void> {
  const ids = messages.filter((m) => m.kind === 'call').map((m) => m.id);
  if (ids.length === 0) return;
  const calls = await callsRepository(em).byMessages(ids);
  const byMessage = new Map(calls.map((c) => [c.message?.id, c]));
  for (const message of messages) {
    const call = message.kind === 'call' ? byMessage.get(message.id) : undefined;
    message.call = call
      ? {
          id: call.id,
          callerId: call.caller.id,
          calleeId: call.callee.id,
          state: call.state,
          endReason: call.endReason ?? null,
          startedAt: call.startedAt.toISOString(),
          durationSeconds: callDuration(call),
        }
      : null;
  }
}
