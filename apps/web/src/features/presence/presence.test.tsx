import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { presenceHandlers, presenceMock, resetMockDb } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { beforeEach, describe, expect, it } from 'vitest';
import { ana, renderScreen } from '../../test/render.tsx';
import { IDLE_AFTER_MS, isIdle } from './heartbeat.ts';
import { PresenceDot, UserPresenceDot } from './presence-dot.tsx';
import { StatusPicker } from './status-picker.tsx';

beforeEach(() => {
  resetMockDb({ signedInAs: 'ana' });
  presenceMock.reset();
  server.use(...presenceHandlers);
});

describe('PresenceDot', () => {
  it('names the status for screen readers; invisible and unknown read as offline', () => {
    render(
      <>
        <PresenceDot status="dnd" />
        <PresenceDot status="invisible" />
        <PresenceDot status={undefined} />
      </>,
    );
    expect(screen.getAllByRole('img').map((e) => e.getAttribute('aria-label'))).toEqual(['Do not disturb', 'Offline', 'Offline']);
  });

  it('reads one person live by id', async () => {
    presenceMock.set(ana.id, 'away');
    renderScreen(<UserPresenceDot userId={ana.id} />, { session: ana });
    expect(await screen.findByRole('img', { name: 'Away' })).toBeTruthy();
  });
});

describe('StatusPicker', () => {
  it('chooses a status and the listening switch, and closes on Escape', async () => {
    const user = userEvent.setup();
    renderScreen(<StatusPicker />, { session: ana });
    const button = screen.getByRole('button', { name: /Status: Online/ });
    await user.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    await user.click(await screen.findByRole('radio', { name: /Invisible/ }));
    await waitFor(() => expect(presenceMock.state().chosen.get(ana.id)).toBe('invisible'));
    await user.click(screen.getByRole('switch', { name: "Share what I'm listening to" }));
    await waitFor(() => expect(presenceMock.state().shareListening.get(ana.id)).toBe(false));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('radio')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /Status: Invisible/ }));
  });

  it('shows the listening choice the server keeps (another device turned it off)', async () => {
    const user = userEvent.setup();
    presenceMock.set(ana.id, 'online');
    presenceMock.state().shareListening.set(ana.id, false);
    renderScreen(<StatusPicker />, { session: ana });
    await user.click(await screen.findByRole('button', { name: /Status: Online/ }));
    const toggle = await screen.findByRole('switch', { name: "Share what I'm listening to" });
    await waitFor(() => expect((toggle as HTMLInputElement).checked).toBe(false));
  });
});

describe('isIdle', () => {
  it('is idle after 5 minutes without input, or while the tab is hidden', () => {
    expect(isIdle(0, IDLE_AFTER_MS - 1, false)).toBe(false);
    expect(isIdle(0, IDLE_AFTER_MS, false)).toBe(true);
    expect(isIdle(0, 1, true)).toBe(true);
  });
});
