import type { Meta, StoryObj } from '@storybook/react-vite';
import { elevateMockSession, enableMockTwoFactor, MOCK_TOTP_CODE, states, trpcMsw } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { StepUpHost } from '../../../features/step-up/step-up-host.tsx';
import { storyUsers } from '../../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../../test/story.tsx';
import { InLayout } from '../settings-story.tsx';
import { SecuritySettingsPage } from './security.page.tsx';

const at = (session: ScreenParameters['session'] = storyUsers.ana, language: 'en' | 'fr' = 'en'): ScreenParameters => ({ path: '/settings/*', url: '/settings/security', session, language });

const meta = {
  title: 'Screens/Settings/Security',
  component: SecuritySettingsPage,
  render: () => (
    <>
      <InLayout area="settings" page="security" screen={<SecuritySettingsPage />} />
      <StepUpHost />
    </>
  ),
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: at(), msw: mocks() },
} satisfies Meta<typeof SecuritySettingsPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** 2FA off; ana has two passkeys (one synced). Sensitive actions ask to confirm it's you first (password: password123). */
export const Default: Story = {};

export const TwoFactorOn: Story = {
  beforeEach: () => enableMockTwoFactor('ana'),
  parameters: { screen: at({ ...storyUsers.ana, twoFactorEnabled: true }) },
};

export const NoPasskeys: Story = { parameters: { msw: mocks(trpcMsw.passkeys.list.query(() => [])) } };

export const Loading: Story = { parameters: { msw: mocks(states.loading('mfa.status'), states.loading('passkeys.list')) } };

export const LoadError: Story = { parameters: { msw: mocks(states.error('mfa.status'), states.error('passkeys.list')) } };

/** "Turn on" needs a recent sign-in: the global step-up dialog opens. */
export const StepUpAsked: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Turn on two-factor authentication' }));
    // After a round trip to the (mock) server, and the dialog's code is loaded on first use.
    const page = within(canvasElement.ownerDocument.body);
    await expect(await page.findByRole('dialog', { name: "Confirm it's you" }, { timeout: 5000 })).toBeVisible();
  },
};

/** After a step-up: the QR code, the key for manual entry and the code field. */
export const QrStep: Story = {
  beforeEach: () => elevateMockSession(),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Turn on two-factor authentication' }));
    await expect(await canvas.findByRole('img', { name: 'QR code to add Veza to your authenticator app' })).toBeVisible();
  },
};

export const WrongCode: Story = {
  beforeEach: () => elevateMockSession(),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Turn on two-factor authentication' }));
    await userEvent.type(await canvas.findByLabelText('6-digit code'), '000000');
    await userEvent.click(canvas.getByRole('button', { name: 'Turn on' }));
    // Said once, in the alert.
    await expect(await canvas.findByText(/That code is not right/, { selector: '[role=alert]' })).toBeVisible();
  },
};

/** The 10 recovery codes, shown once, with copy, download and "I saved them". */
export const CodesShown: Story = {
  beforeEach: () => elevateMockSession(),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Turn on two-factor authentication' }));
    await userEvent.type(await canvas.findByLabelText('6-digit code'), MOCK_TOTP_CODE);
    await userEvent.click(canvas.getByRole('button', { name: 'Turn on' }));
    await expect(await canvas.findByRole('list', { name: 'Recovery codes' })).toBeVisible();
  },
};

export const AddingPasskey: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Add a passkey' }));
    await expect(canvas.getByLabelText('Name')).not.toHaveValue('');
  },
};

export const RemovingPasskey: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Remove YubiKey 5C' }));
    const page = within(canvasElement.ownerDocument.body);
    await expect(await page.findByRole('dialog', { name: 'Remove this passkey?' })).toBeVisible();
  },
};

export const French: Story = { parameters: { screen: at(storyUsers.ana, 'fr') } };
