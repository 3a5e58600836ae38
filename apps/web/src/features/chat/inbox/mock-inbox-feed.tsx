import { chatMock } from '@veza/mocks';
import { useEffect, type ReactNode } from 'react';
import type { InboxEvent } from './inbox-events.ts';
import { useApplyInboxEvent } from './use-inbox.ts';

/**
 * The mocked live room list for stories and tests: msw-trpc answers no subscriptions, so what the mock back end
 * would send on chat.onInbox (chatMock.onInbox) is applied to the cached list the way the live subscription does.
 */
export function MockInboxFeed({ children }: { children: ReactNode }) {
  const apply = useApplyInboxEvent();
  useEffect(() => chatMock.onInbox((event) => apply(event as InboxEvent)), [apply]);
  return children;
}
