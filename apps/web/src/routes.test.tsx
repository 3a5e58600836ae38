import { act, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { MemoryRouter, useLocation, type RouteObject } from 'react-router';
import { ApiProvider, createQueryClient } from './api-provider.tsx';
import { AppRoutes } from './app.tsx';
import { RouteErrorBoundary } from './layout/route-error.tsx';
import { ScreenPending } from './layout/screen-pending.tsx';
import { lazyScreen } from './lib/lazy-screen.ts';
import { prefetchOnIntent } from './prefetch.ts';
import { TEST_TRPC_URL } from './test/render.tsx';
import { createTrpcClient } from './trpc.ts';

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.pathname}</output>;
}

/** The real route table, as the app mounts it, in a memory router. */
function renderApp(url: string) {
  render(
    <ApiProvider client={createTrpcClient({ mode: 'mock', baseUrl: TEST_TRPC_URL })} queryClient={createQueryClient({ retry: false })}>
      <MemoryRouter initialEntries={[url]}>
        <AppRoutes />
        <Where />
      </MemoryRouter>
    </ApiProvider>,
  );
}

// A screen's first import transforms its module graph (zod, forms…): slower than a second, on a busy machine.
const LOADED = { timeout: 5000 };

describe('routes (screens loaded on demand)', () => {
  it('renders the shell at once and the screen once its code has loaded', async () => {
    renderApp('/');
    // The header is part of the first load.
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(await screen.findByRole('list', { name: 'Latest tracks' }, LOADED)).toBeTruthy();
  });

  it('navigates to a screen whose code is not loaded yet', async () => {
    renderApp('/');
    await screen.findByRole('list', { name: 'Latest tracks' }, LOADED);
    // The header's link, shown once the session is known to be signed out.
    await userEvent.click((await screen.findAllByRole('link', { name: 'Log in' }, LOADED))[0]!);
    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' }, LOADED)).toBeTruthy();
    expect(screen.getByTestId('where').textContent).toBe('/login');
  });

  it('loads the not-found screen for an unknown path', async () => {
    renderApp('/no-such-page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' }, LOADED)).toBeTruthy();
  });
});

describe('lazyScreen', () => {
  it('fetches the code once, whether preloaded or rendered, and shows a progress bar while a render waits for it', async () => {
    let arrive: (module: { Page: () => React.JSX.Element }) => void = () => undefined;
    const load = vi.fn(() => new Promise<{ Page: () => React.JSX.Element }>((resolve) => (arrive = resolve)));
    const Page = lazyScreen(load, 'Page');
    void Page.preload();
    render(
      <>
        <ScreenPending />
        <Suspense fallback={<p>waiting</p>}>
          <Page />
        </Suspense>
      </>,
    );
    expect(screen.getByText('waiting')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Loading…' })).toBeTruthy();
    await act(async () => arrive({ Page: () => <h1>Here</h1> }));
    expect(screen.getByRole('heading', { name: 'Here' })).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe('RouteErrorBoundary', () => {
  function Boom(): never {
    throw new Error('broken screen');
  }

  it('shows the error state instead of a screen that throws, and tries again on another path', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { rerender } = render(<RouteErrorBoundary resetKey="/a"><Boom /></RouteErrorBoundary>);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    rerender(<RouteErrorBoundary resetKey="/b"><p>fine</p></RouteErrorBoundary>);
    expect(screen.getByText('fine')).toBeTruthy();
    vi.restoreAllMocks();
  });
});

describe('prefetchOnIntent', () => {
  const table = (preload: () => Promise<unknown>): RouteObject[] => [
    { path: '/', children: [{ path: 'login', handle: { preload } }, { path: 'u/:username', handle: { preload } }] },
  ];

  it("fetches a screen's code when its link is hovered or focused, once per link", () => {
    const preload = vi.fn(() => Promise.resolve());
    document.body.innerHTML = '<a href="/login">Log in</a><a href="/u/ana">ana</a><a href="https://elsewhere.example/login">x</a>';
    const stop = prefetchOnIntent(table(preload));
    const [login, profile, external] = [...document.querySelectorAll('a')];

    login!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    login!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(preload).toHaveBeenCalledTimes(1);
    profile!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(preload).toHaveBeenCalledTimes(2);
    external!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(preload).toHaveBeenCalledTimes(2);

    stop();
    login!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(preload).toHaveBeenCalledTimes(2);
    document.body.innerHTML = '';
  });
});
