import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { enableMockTwoFactor, MOCK_SPENT_TOTP_CODE, MOCK_TOTP_CODE, resetMockDb, states, trpcMsw } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ana, renderScreen } from '../../test/render.tsx';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import { StepUpHost } from './step-up-host.tsx';
import { isStepUpCancelled, useStepUp } from './use-step-up.ts';

/** A screen with one sensitive action (mfa.totp.begin is elevated), like the settings screens use it. */
function SensitiveAction() {
  const begin = trpc.mfa.totp.begin.useMutation();
  const stepUp = useStepUp();
  const [outcome, setOutcome] = useState('');
  const run = async () => {
    try {
      const result = await stepUp.run(() => begin.mutateAsync());
      setOutcome(`done: ${result.secret}`);
    } catch (error) {
      setOutcome(isStepUpCancelled(error) ? 'cancelled' : 'failed');
    }
  };
  return (
    <>
      <button type="button" onClick={() => void run()}>Start</button>
      <p data-testid="outcome">{outcome}</p>
      <StepUpHost />
    </>
  );
}

/** Counts the calls of one procedure that reach the mock back end. */
function countCalls(path: string) {
  const calls = { count: 0 };
  server.events.on('request:start', ({ request }) => {
    if (new URL(request.url).pathname.endsWith(`/trpc/${path}`)) calls.count++;
  });
  return calls;
}

const outcome = () => screen.getByTestId('outcome').textContent;

describe('step-up', () => {
  beforeEach(() => resetMockDb({ signedInAs: 'ana' }));
  afterEach(() => server.events.removeAllListeners('request:start'));

  it('opens the dialog when a call needs a recent sign-in, refuses a wrong password, then retries the call once', async () => {
    const begins = countCalls('mfa.totp.begin');
    renderScreen(<SensitiveAction />, { session: ana });
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));

    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" });
    const password = within(dialog).getByLabelText('Password');
    expect(document.activeElement).toBe(password);
    expect(begins.count).toBe(1);

    await userEvent.type(password, 'not my password');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toBe('Incorrect password.'));
    expect(outcome()).toBe('');

    await userEvent.clear(password);
    await userEvent.type(password, 'password123');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(outcome()).toBe('done: JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'));
    expect(begins.count).toBe(2);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says once to wait for the next code when the code was just used, and clears it as the code is edited', async () => {
    enableMockTwoFactor('ana');
    renderScreen(<SensitiveAction />, { session: { ...ana, twoFactorEnabled: true } });
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Use an authenticator code' }));
    const code = within(dialog).getByLabelText('6-digit code');
    await userEvent.type(code, MOCK_SPENT_TOTP_CODE);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert').textContent).toBe('This code was just used. Wait for the next code in your app (up to 30 seconds) and enter it.'),
    );
    expect(within(dialog).getAllByText(/This code was just used/)).toHaveLength(1);
    expect(code.getAttribute('aria-invalid')).not.toBe('true');
    await userEvent.clear(code);
    await userEvent.type(code, MOCK_TOTP_CODE);
    expect(within(dialog).queryByText(/This code was just used/)).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(outcome()).toMatch(/^done:/));
  });

  it('offers the authenticator code when two-factor authentication is on', async () => {
    enableMockTwoFactor('ana');
    renderScreen(<SensitiveAction />, { session: { ...ana, twoFactorEnabled: true } });
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Use an authenticator code' }));
    const code = within(dialog).getByLabelText('6-digit code');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    await userEvent.type(code, MOCK_TOTP_CODE);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(outcome()).toMatch(/^done:/));
  });

  it('rethrows the original error, marked as cancelled, when the dialog is closed', async () => {
    const begins = countCalls('mfa.totp.begin');
    renderScreen(<SensitiveAction />, { session: ana });
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(outcome()).toBe('cancelled'));
    expect(begins.count).toBe(1);
  });

  it('asks accounts with neither a password nor 2FA to log in again, coming back afterwards', async () => {
    renderScreen(<SensitiveAction />, { session: { ...ana, hasPassword: false }, path: '/settings/security', url: '/settings/security' });
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" });
    expect(within(dialog).queryByLabelText('Password')).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Log in again' }));
    expect((await screen.findByTestId('location')).textContent).toBe('/login?next=%2Fsettings%2Fsecurity');
    expect(useSession.getState().status).toBe('signed-out');
  });

  it('passes other errors through without opening the dialog', async () => {
    server.use(states.error('mfa.totp.begin', 'FORBIDDEN', 'You are not allowed to do that.'));
    renderScreen(<SensitiveAction />, { session: ana });
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(outcome()).toBe('failed'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('retries only once: a call that still needs a step-up afterwards fails for the caller', async () => {
    const begins = countCalls('mfa.totp.begin');
    // mfa.stepUp says yes but the session never becomes elevated.
    server.use(trpcMsw.mfa.stepUp.mutation(() => ({ elevatedUntil: new Date().toISOString() })));
    renderScreen(<SensitiveAction />, { session: ana });
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" });
    await userEvent.type(within(dialog).getByLabelText('Password'), 'password123');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(outcome()).toBe('failed'));
    expect(begins.count).toBe(2);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
