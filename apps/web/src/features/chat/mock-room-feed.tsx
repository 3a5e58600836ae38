import { chatMock } from '@veza/mocks';
import { useEffect, type ReactNode } from 'react';
import { useChat, type RoomEvent } from './chat-store.ts';

/**
 * The mocked live rooms for stories and tests: msw-trpc answers no subscriptions (the app's mock mode leaves
 * chat.onRoom idle), so what the mock back end would publish (chatMock.onEvent) goes into the chat store, as
 * chat.onRoom would.
 */
export function MockRoomFeed({ children }: { children: ReactNode }) {
  useEffect(
    () =>
      chatMock.onEvent((event) => {
        const roomId = 'message' in event ? event.message.roomId : event.roomId;
        useChat.getState().applyEvent(roomId, event as RoomEvent);
      }),
    [],
  );
  return children;
}
