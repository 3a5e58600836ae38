import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { elevateMockSession, enableMockTwoFactor, MOCK_RECOVERY_CODES, MOCK_TOTP_CODE, resetMockDb, states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { beforeEach, describe, expect, it } from 'vitest';
import { StepUpHost } from '../../../features/step-up/step-up-host.tsx';
import { useSession } from '../../../stores/session.ts';
import { descriptionOf, textOf } from '../../../test/dom.ts';
import { ana, renderScreen } from '../../../test/render.tsx';
import { groupSecret } from './totp-enrolment.tsx';
import { SecuritySettingsPage } from './security.page.tsx';

const renderSecurity = (session = ana) =>
  renderScreen(
    <>
      <SecuritySettingsPage />
      <StepUpHost />
    </>,
    { path: '/settings/security', url: '/settings/security', session },
  );

const twoFactorCard = () => screen.getByRole('region', { name: 'Two-factor authentication' });
const passkeysCard = () => screen.getByRole('region', { name: 'Passkeys' });

describe('SecuritySettingsPage: two-factor authentication', () => {
  beforeEach(() => resetMockDb({ signedInAs: 'ana' }));

  it('turns 2FA on after a step-up: QR code, key, a first code, then the recovery codes shown once', async () => {
    renderSecurity();
    await userEvent.click(await screen.findByRole('button', { name: 'Turn on two-factor authentication' }));

    // Not recently signed in: confirm with the password, then the call goes through.
    const dialog = await screen.findByRole('dialog', { name: "Confirm it's you" });
    await userEvent.type(within(dialog).getByLabelText('Password'), 'password123');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));

    const qr = await screen.findByRole('img', { name: 'QR code to add Veza to your authenticator app' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(textOf(screen.getByTestId('totp-secret'))).toBe(groupSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Scan this QR code' }));

    const code = screen.getByLabelText('6-digit code');
    await userEvent.type(code, '000000');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    // The refusal is said once, in the form's alert: not repeated beside the field.
    const confirmForm = screen.getByRole('form', { name: 'Enter the code the app shows' });
    await waitFor(() => expect(textOf(within(confirmForm).getByRole('alert'))).toBe('That code is not right. Check that the time on your device is correct and try again.'));
    expect(screen.getAllByText(/That code is not right/)).toHaveLength(1);
    expect(descriptionOf(code)).not.toContain('not right');

    await userEvent.clear(code);
    await userEvent.type(code, MOCK_TOTP_CODE);
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));

    const codes = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(within(codes).getAllByRole('listitem').map(textOf)).toEqual(MOCK_RECOVERY_CODES);
    expect(useSession.getState().user?.twoFactorEnabled).toBe(true);

    const done = screen.getByRole('button', { name: 'Done' });
    expect((done as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByLabelText('I have saved these codes somewhere safe'));
    await userEvent.click(done);
    expect(await within(twoFactorCard()).findByText('10 recovery codes left.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Recovery codes' })).toBeNull();
  });

  it('turns 2FA off after confirming', async () => {
    enableMockTwoFactor('ana');
    elevateMockSession();
    renderSecurity({ ...ana, twoFactorEnabled: true });
    await userEvent.click(await within(twoFactorCard()).findByRole('button', { name: 'Turn off' }));
    const confirm = await screen.findByRole('dialog', { name: 'Turn off two-factor authentication?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Turn off' }));
    expect(await within(twoFactorCard()).findByRole('button', { name: 'Turn on two-factor authentication' })).toBeTruthy();
    expect(useSession.getState().user?.twoFactorEnabled).toBe(false);
  });

  it('shows new recovery codes after replacing them', async () => {
    enableMockTwoFactor('ana');
    elevateMockSession();
    renderSecurity({ ...ana, twoFactorEnabled: true });
    await userEvent.click(await screen.findByRole('button', { name: 'Get new recovery codes' }));
    await userEvent.click(within(await screen.findByRole('dialog', { name: 'Replace your recovery codes?' })).getByRole('button', { name: 'Replace codes' }));
    const codes = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(within(codes).getAllByRole('listitem')).toHaveLength(10);
    expect(within(codes).queryByText(MOCK_RECOVERY_CODES[0]!)).toBeNull();
  });

  it('says when the status cannot be loaded, and retries', async () => {
    server.use(states.error('mfa.status'));
    renderSecurity();
    expect(await within(twoFactorCard()).findByText("We couldn't load your two-factor settings")).toBeTruthy();
    server.resetHandlers();
    await userEvent.click(within(twoFactorCard()).getByRole('button', { name: 'Try again' }));
    expect(await within(twoFactorCard()).findByRole('button', { name: 'Turn on two-factor authentication' })).toBeTruthy();
  });
});

describe('SecuritySettingsPage: passkeys', () => {
  beforeEach(() => resetMockDb({ signedInAs: 'ana' }));

  it('lists passkeys with when they were added and used, and which are synced', async () => {
    renderSecurity();
    const items = await within(passkeysCard()).findAllByTestId('passkey-item');
    expect(items.map((item) => textOf(within(item).getByRole('heading')))).toEqual(['iCloud Keychain Synced', 'YubiKey 5C']);
    expect(textOf(items[1]!)).toContain('Never used');
    expect(textOf(items[0]!)).toContain('Added 1 September 2026');
  });

  it('renames a passkey in place', async () => {
    renderSecurity();
    await userEvent.click(await screen.findByRole('button', { name: 'Rename YubiKey 5C' }));
    const name = screen.getByLabelText('Name');
    await userEvent.clear(name);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(textOf(await screen.findByText('Give this passkey a name.'))).toBe('Give this passkey a name.');
    await userEvent.type(name, 'Keyring key');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await within(passkeysCard()).findByRole('heading', { name: 'Keyring key' })).toBeTruthy();
  });

  it('removes a passkey after confirming (and a step-up)', async () => {
    renderSecurity();
    await userEvent.click(await screen.findByRole('button', { name: 'Remove YubiKey 5C' }));
    const confirm = await screen.findByRole('dialog', { name: 'Remove this passkey?' });
    expect(textOf(confirm)).toContain('“YubiKey 5C” will no longer sign you in');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Remove' }));
    const stepUp = await screen.findByRole('dialog', { name: "Confirm it's you" });
    await userEvent.type(within(stepUp).getByLabelText('Password'), 'password123');
    await userEvent.click(within(stepUp).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(within(passkeysCard()).getAllByTestId('passkey-item')).toHaveLength(1));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the empty state', async () => {
    elevateMockSession();
    renderSecurity();
    for (const name of ['Remove iCloud Keychain', 'Remove YubiKey 5C']) {
      await userEvent.click(await screen.findByRole('button', { name }));
      await userEvent.click(within(await screen.findByRole('dialog', { name: 'Remove this passkey?' })).getByRole('button', { name: 'Remove' }));
      await waitFor(() => expect(screen.queryByRole('button', { name })).toBeNull());
    }
    expect(await within(passkeysCard()).findByText('No passkeys yet')).toBeTruthy();
  });
});
