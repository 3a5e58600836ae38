import { waitFor } from '@testing-library/react';
import { resetMockDb } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasSessionFlag, trustSessionFlag } from '../../lib/session-hint.ts';
import { configureRefresh, refreshSession } from '../../lib/session-refresh.ts';
import { useSession } from '../../stores/session.ts';
import { renderScreen, TEST_TRPC_URL } from '../../test/render.tsx';
import { useSessionBootstrap } from './use-session-actions.ts';

function Bootstrap() {
  useSessionBootstrap();
  return null;
}

/** Every request the page makes, as "METHOD path". */
function recordRequests() {
  const seen: string[] = [];
  const listener = ({ request }: { request: Request }) => void seen.push(`${request.method} ${new URL(request.url).pathname}`);
  server.events.on('request:start', listener);
  return { seen, stop: () => server.events.removeListener('request:start', listener) };
}

const setFlag = (on: boolean) => {
  document.cookie = on ? 'veza_session=1; path=/' : 'veza_session=; path=/; max-age=0';
};

describe('session bootstrap and the session flag cookie', () => {
  beforeEach(() => trustSessionFlag(true));
  afterEach(() => {
    trustSessionFlag(false);
    setFlag(false);
  });

  it('reads the flag from the cookie string', () => {
    expect(hasSessionFlag('veza_session=1')).toBe(true);
    expect(hasSessionFlag('a=b; veza_session=1; c=d')).toBe(true);
    expect(hasSessionFlag('a=b; xveza_session=1')).toBe(false);
    expect(hasSessionFlag('veza_session=0')).toBe(false);
    expect(hasSessionFlag('')).toBe(false);
  });

  it('goes straight to signed-out without calling auth.me when the flag is absent', async () => {
    const requests = recordRequests();
    renderScreen(<Bootstrap />, { session: 'unknown' });
    await waitFor(() => expect(useSession.getState().status).toBe('signed-out'));
    // Give a request every chance to start.
    await new Promise((resolve) => setTimeout(resolve, 50));
    requests.stop();
    expect(requests.seen).toEqual([]);
  });

  it('asks auth.me when the flag says there is a session', async () => {
    resetMockDb({ signedInAs: 'ana' });
    setFlag(true);
    const requests = recordRequests();
    renderScreen(<Bootstrap />, { session: 'unknown' });
    await waitFor(() => expect(useSession.getState()).toMatchObject({ status: 'signed-in', user: { username: 'ana' } }));
    requests.stop();
    expect(requests.seen).toEqual(['GET /trpc/auth.me']);
  });

  it('does not try auth.refresh without the flag (the session has ended): signs out instead', async () => {
    configureRefresh(TEST_TRPC_URL);
    useSession.setState({ status: 'signed-in', user: null });
    const requests = recordRequests();
    expect(await refreshSession()).toBe(false);
    requests.stop();
    expect(requests.seen).toEqual([]);
    expect(useSession.getState().status).toBe('signed-out');
  });

  it('still asks when the flag is not trusted (mock back ends set no cookies)', async () => {
    trustSessionFlag(false);
    resetMockDb({ signedInAs: 'ana' });
    renderScreen(<Bootstrap />, { session: 'unknown' });
    await waitFor(() => expect(useSession.getState().status).toBe('signed-in'));
  });
});
